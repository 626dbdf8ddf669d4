import { describe, expect, it } from 'vitest';
import { GUARD_NAME, instrumentCode, ReservedNameError } from './instrument';

interface FakeGuard {
  n: number;
  c: number;
  probes: unknown[][];
  p(free: ((into: unknown[]) => void) | 0, ...locals: unknown[]): void;
  r<T>(value: T): T;
}

/** A guard that looks at every tick and keeps what it saw. */
function fakeGuard(): FakeGuard {
  const guard: FakeGuard = {
    n: 0,
    c: 0,
    probes: [],
    p(free, ...locals) {
      const found = [...locals];
      if (free !== 0) free(found);
      guard.probes.push(found);
      guard.n = 0;
    },
    r(value) {
      if (Array.isArray(value)) guard.c += 8 * value.length;
      return value;
    },
  };
  return guard;
}

/** Runs code (a function body that returns) as written and instrumented: both results. */
function both(code: string): { plain: unknown; instrumented: unknown; guard: FakeGuard } {
  const plain = new Function(code)() as unknown;
  const guard = fakeGuard();
  const instrumented = new Function(GUARD_NAME, instrumentCode(code))(guard) as unknown;
  return { plain, instrumented, guard };
}

describe('instrumentCode', () => {
  it('leaves what the code computes unchanged', () => {
    const programs = [
      `const xs = []; for (let i = 0; i < 100; i++) xs.push({ i, sq: [i, i * i] }); return xs.map((x) => x.sq[1]).filter((v) => v % 2).slice(3, 9);`,
      `let s = ''; let i = 0; while (i < 5) s += String(i++); do s += '!'; while (s.length < 8); return s.split('').reverse().join('-');`,
      `const o = { a: { b: null } }; return [o?.a?.b?.push(1), o.a?.c?.slice(), o?.a.b ?? 'none', [1, 2]?.concat([3]).length];`,
      `class Acc extends Array { constructor(...xs) { super(...xs); this.tag = new Map([['k', 1]]); } get twice() { return this.map((x) => x * 2); } }
       const a = new Acc(1, 2, 3); return { twice: a.twice, tag: a.tag.get('k'), spread: [...a, ...[4]], obj: { ...{ x: 1 }, y: 2 } };`,
      `function* gen() { for (const x of [1, 2, 3]) yield { x }; } const out = []; for (const v of gen()) out.push(v.x); label: for (const k in { a: 1, b: 2 }) { for (;;) { out.push(k); continue label; } } return out;`,
      `const f = (x) => ({ x }); const g = (x) => x * 2; let n = 0; for (let i = 0; i < 3; i++) if (i) for (;;) { n++; break; } return [f(1), g(3), n, JSON.parse(JSON.stringify({ a: [1] })), Array.from({ length: 3 }, (_, i) => i)];`,
      `"use strict"; function strict() { "use strict"; try { undeclared = 1; return 'sloppy'; } catch { return 'strict'; } } return strict();`,
      `const byKey = new Map(); for (const [k, v] of Object.entries({ a: 1, b: 2 })) { switch (k) { case 'a': { const w = v * 10; byKey.set(k, w); break; } default: byKey.set(k, v); } } return [...byKey];`,
    ];
    for (const code of programs) {
      const { plain, instrumented } = both(code);
      expect(instrumented, code).toEqual(plain);
    }
  });

  it('ticks in loops and functions with the values of every name in scope', () => {
    const { guard } = both(`const kept = []; function grow(n) { const local = { n }; for (let i = 0; i < n; i++) kept.push({ i }); return local; } grow(300); return kept;`);
    // grow's entry, then its loop once every 256 turns.
    expect(guard.probes.length).toBe(2);
    const inLoop = guard.probes[1]!;
    // i, n, local, and kept (which grow uses): the loop sees its own names and those around it.
    expect(inLoop).toContain(256);
    expect(inLoop).toContain(300);
    expect(inLoop).toContainEqual({ n: 300 });
    expect(inLoop.some((v) => Array.isArray(v) && v.length === 300)).toBe(true);
  });

  it('sees what a method holds through this', () => {
    const { guard } = both(`class Store { constructor() { this.items = []; } add(x) { this.items.push(x); } } const s = new Store(); for (let i = 0; i < 3; i++) s.add({ i }); return 1;`);
    expect(guard.probes.some((found) => found.some((v) => v instanceof Object && 'items' in v && (v as { items: unknown[] }).items.length === 3))).toBe(true);
  });

  it('never reads a name in its temporal dead zone, nor this before super()', () => {
    const programs = [
      `function f() { const before = 1; const r = g(); const after = 2; return r + after + before; } function g() { return 5; } return f();`,
      // g runs before \`late\` is set: the closure that reads outer names skips it.
      `function g() { return typeof h; } const early = g(); const late = []; function h() { return late.length; } return [early, h()];`,
      `const r = []; for (let i = 0; i < 300; i++) { r.push(i); const after = i * 2; r.push(after); } return r.length;`,
      `switch (1) { case 0: let x = 1; break; case 1: for (let i = 0; i < 300; i++) { [i]; } } return 'ok';`,
      `class A { constructor(v) { this.v = v; } } class B extends A { constructor() { for (const k of [1]) {} super(2); } } return new B().v;`,
      `"use strict"; function f() { { function inner() { return 1; } } for (;;) { return typeof inner; } } return f();`,
    ];
    for (const code of programs) {
      const { plain, instrumented, guard } = both(code);
      expect(instrumented, code).toEqual(plain);
      expect(guard.probes.length, code).toBeGreaterThan(0);
    }
  });

  it('keeps code without semicolons working', () => {
    const code = `const kept = []\nlet s = 'a'\nkept.push(1)\n;[2, 3].forEach((x) => kept.push(x))\ns += 'b'\nnew Map()\nreturn [kept, s]`;
    expect(both(code).instrumented).toEqual([[1, 2, 3], 'ab']);
  });

  it('leaves a loop that cannot allocate or run on by itself without a tick', () => {
    const code = `const xs = [1, 2, 3]; let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * 2; while (true) { s++; break; } return s;`;
    const out = instrumentCode(code);
    expect(out.match(/__lbN < 0/g)).toHaveLength(1);
    expect(both(code).instrumented).toBe(13);
  });

  it('counts what literals, new and push allocate, and sizes results', () => {
    const { guard } = both(`const xs = []; for (let i = 0; i < 10; i++) xs.push({ a: i }); return new Map(xs.map((x) => [x.a, x]));`);
    // 10 pushes, 10 objects, 10 pairs, one Map, one array of 10 back from map.
    expect(guard.c).toBeGreaterThan(10 * (8 + 24 + 32));
  });

  it('keeps the user’s line numbers', () => {
    const code = `const a = 1;\nfunction f() {\n  for (;;) { return [a]; }\n}\nreturn f();`;
    expect(instrumentCode(code).split('\n')).toHaveLength(code.split('\n').length);
    const thrower = `const x = [1];\nfunction f() {\n  for (const y of x) { null.boom; }\n}\nf();`;
    let line: string | undefined;
    try {
      new Function(GUARD_NAME, instrumentCode(thrower))(fakeGuard());
    } catch (error) {
      line = (error as Error).stack?.split('\n').find((l) => l.includes('<anonymous>'))?.match(/<anonymous>:(\d+):/)?.[1];
    }
    // new Function puts two lines of its own above the body.
    expect(Number(line) - 2).toBe(3);
  });

  it('refuses names kept for the sandbox', () => {
    expect(() => instrumentCode(`const __lbGuard = { n: 1e300 };`)).toThrow(ReservedNameError);
    expect(() => instrumentCode(`x.__lbAnything = 1;`)).toThrow(/kept for the sandbox/);
  });
});
