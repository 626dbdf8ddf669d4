import { describe, expect, it } from 'vitest';
import { GUARD_NAME, instrumentCode } from '@/lib/code/instrument';
import { makeHeapGuard, type HeapGuardOptions } from './heap-guard';

const MIB = 1048576;

/** Runs code as a code cell would: instrumented, with a real heap guard. */
function runGuarded(code: string, options: Partial<HeapGuardOptions> = {}, args: unknown[] = []): { result: unknown; error: Error | null; trips: string[] } {
  const trips: string[] = [];
  const guard = makeHeapGuard({ limit: 16 * MIB, trackedBytes: MIB, maxObjects: 6_000_000, bulkHeld: () => 0, skip: [], onTrip: (m) => trips.push(m), ...options });
  try {
    const result = new Function(GUARD_NAME, 'args', instrumentCode(code))(guard, args) as unknown;
    return { result, error: null, trips };
  } catch (error) {
    return { result: undefined, error: error as Error, trips };
  }
}

describe('makeHeapGuard', () => {
  it('stops code that keeps growing, once, with a message that says what it holds', () => {
    const { error, trips } = runGuarded('const kept = []; for (;;) kept.push({ a: 1, b: [1, 2] });');
    expect(error?.name).toBe('MemoryLimitError');
    expect(trips).toEqual(['the code holds more than its memory limit of 16 MiB: all of it in objects, arrays and strings']);
  });

  it('sees growth through this, a helper, a closure, a Map and a string', () => {
    const growers = [
      'class Store { constructor() { this.items = []; } add(x) { this.items.push(x); } } const s = new Store(); for (let i = 0; ; i++) s.add({ i });',
      'function add(list, i) { list.push([i, i]); } const kept = []; for (let i = 0; ; i++) add(kept, i);',
      'const add = (() => { const hidden = []; return (x) => hidden.push({ x }); })(); for (let i = 0; ; i++) add(i);',
      "const byRow = new Map(); for (let i = 0; ; i++) byRow.set(i, 'row ' + i);",
      "let head = null; for (let i = 0; ; i++) head = { next: head, label: 'n' + i };",
    ];
    for (const code of growers) expect(runGuarded(code).error?.name, code).toBe('MemoryLimitError');
  });

  it('lets code that only passes memory through run to the end', () => {
    const { result, error, trips } = runGuarded('let sum = 0; for (let i = 0; i < 2e6; i++) { const row = { a: i, b: [i, i] }; sum += row.b[1]; } return sum;');
    expect(error).toBeNull();
    expect(trips).toEqual([]);
    expect(result).toBe((2e6 * (2e6 - 1)) / 2);
  });

  it('does not let the code catch its way past the limit', () => {
    const { error, trips } = runGuarded('const kept = []; let caught = 0; for (;;) { try { kept.push([1, 2, 3]); } catch { caught++; if (caught > 5) return caught; } }');
    // Every later tick throws again, outside the try that caught the first.
    expect(error?.name).toBe('MemoryLimitError');
    expect(trips).toHaveLength(1);
  });

  it('does not count what it is told to skip, a sparse array by its length, or through getters', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({ i, label: `row ${i}` }));
    // Long enough (0.4 s) for the guard to look by the clock: the loop itself allocates nothing.
    const reader = 'const data = args[0]; let s = 0; const end = Date.now() + 400; while (Date.now() < end) for (const r of data) s += Math.abs(r.i); return s;';
    const skipped = runGuarded(reader, { skip: [rows] }, [rows]);
    expect(skipped.error).toBeNull();
    const counted = runGuarded(reader, {}, [rows]);
    expect(counted.error?.name).toBe('MemoryLimitError');
    const sparse = runGuarded('const a = []; a[1e9] = 1; let s = 0; const end = Date.now() + 400; while (Date.now() < end) s++; return a.length;');
    expect(sparse.error).toBeNull();
    let called = 0;
    const lazy = { get huge() { called++; return new Array(1e7).fill({}); } };
    runGuarded('const o = args[0]; let s = 0; const end = Date.now() + 400; while (Date.now() < end) s++; return s;', {}, [lazy]);
    expect(called).toBe(0);
  });

  it('counts the bulk guard’s buffers against the same limit, and caps the objects held', () => {
    const bulk = runGuarded('const kept = []; for (;;) kept.push({ a: 1 });', { bulkHeld: () => 12 * MIB });
    expect(bulk.trips[0]).toBe('the code holds more than its memory limit of 16 MiB: 12 MiB in buffers and tensors, the rest in objects, arrays and strings');
    const many = runGuarded('const kept = []; for (;;) kept.push({});', { limit: 1024 * MIB, maxObjects: 100_000 });
    expect(many.trips[0]).toBe('the code holds more than 100,000 JavaScript objects; keep numbers in typed arrays or tensors');
  });
});
