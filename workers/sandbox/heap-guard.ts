/**
 * The heap half of a code cell's memory guard (the bulk half, buffers and tensors, is in
 * worker-main). The code compiled by lib/code/instrument calls it: `n` and `p` at its ticks, `c`
 * and `r` where it allocates. Every TICKS ticks it looks at the clock and at what was allocated
 * since it last measured; now and then it measures what the code holds, walking from the values a
 * tick handed it, and past the limit it stops the code, for good: the error is said to the frame
 * at once (which ends the worker), and every later tick throws it again, so catching it is no way
 * on. It measures again once the code has allocated a quarter of its limit or as much as it held,
 * whichever is more (so a growing heap costs a few walks in all), or after a while in any case,
 * at most a twentieth of the time.
 *
 * Like worker-main, this runs from its own text in the sandbox worker: it imports nothing and
 * refers to nothing outside itself.
 */

export interface HeapGuard {
  /** Ticks until the next look. */
  n: number;
  /** Bytes allocated, as counted at the code's literals and calls. */
  c: number;
  /** A tick's look: `free` pushes the outer values the function uses (0: none), then its own. */
  p(free: ((into: unknown[]) => void) | 0, ...locals: unknown[]): void;
  /** Counts the size of a call's result (a new array or string) and hands it back. */
  r<T>(value: T): T;
}

export interface HeapGuardOptions {
  readonly limit: number;
  /** Buffers this size or more are the bulk guard's, not counted again here. */
  readonly trackedBytes: number;
  readonly maxObjects: number;
  /** What the bulk guard holds now. */
  readonly bulkHeld: () => number;
  /** Values not walked: the sandbox's own (the global scope, TF.js, the rows handed in). */
  readonly skip: readonly unknown[];
  /** Called once, with the message, when the code goes past the limit. */
  readonly onTrip: (message: string) => void;
}

export function makeHeapGuard(options: HeapGuardOptions): HeapGuard {
  const TICKS = 1024;
  const MIB = 1048576;
  const mib = (n: number): string => `${Math.round(n / MIB).toLocaleString('en')} MiB`;
  const ROUND_TICKS = 16;
  let tripped: string | null = null;
  let round: unknown[] | null = null;
  let roundTicks = 0;
  let lookedAt = performance.now();
  let countedAt = 0;
  let interval = 250;
  // A quarter of the limit between looks keeps the code within twice its limit at worst (what it
  // held when last measured, plus as much again), far below where a worker's heap runs out.
  const quarter = Math.max(4 * MIB, options.limit / 4);
  let nextAfterBytes = quarter;

  const limitError = (message: string): Error => {
    const error = new Error(message);
    error.name = 'MemoryLimitError';
    return error;
  };

  /** Bytes and objects reachable from `roots`, stopping once past `budget` or `maxObjects`. */
  const measure = (roots: unknown[], budget: number): { bytes: number; objects: number } => {
    const seen = new Set<unknown>(options.skip);
    const stack = roots;
    let bytes = 0;
    let objects = 0;
    const push = (value: unknown): void => {
      if ((typeof value === 'object' && value !== null) || typeof value === 'function' || typeof value === 'string') stack.push(value);
    };
    while (stack.length > 0 && bytes <= budget && objects <= options.maxObjects) {
      const value = stack.pop();
      if (typeof value === 'string') {
        // Long strings once each (they are often shared); short ones per reference.
        if (value.length >= 64) {
          if (seen.has(value)) continue;
          seen.add(value);
        }
        bytes += 8 + 2 * value.length;
        continue;
      }
      if (seen.has(value)) continue;
      seen.add(value);
      objects += 1;
      try {
        if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
          if (value.byteLength < options.trackedBytes) bytes += value.byteLength;
        } else if (Array.isArray(value)) {
          const items = value as unknown[];
          let present = 64;
          if (items.length > 1 << 20) {
            present = 0;
            for (let k = 0; k < 64; k++) if (Math.floor((k * items.length) / 64) in items) present += 1;
          }
          if (present < 32) {
            // Sparse: its length says nothing of its size, its own keys do.
            const keys = Object.keys(items);
            bytes += 32 + 16 * keys.length;
            for (const key of keys) push(items[Number(key)]);
          } else {
            bytes += 32 + 8 * items.length;
            for (let i = 0; i < items.length; i++) push(items[i]);
          }
        } else if (value instanceof Map) {
          bytes += 32 + 24 * value.size;
          for (const [k, v] of value) {
            push(k);
            push(v);
          }
        } else if (value instanceof Set) {
          bytes += 32 + 16 * value.size;
          for (const v of value) push(v);
        } else if (typeof value === 'object' || typeof value === 'function') {
          const keys = Object.keys(value as object);
          bytes += (typeof value === 'function' ? 64 : 24) + 8 * keys.length;
          for (const key of keys) {
            // Getters are not called: the walk reads stored values only.
            const d = Object.getOwnPropertyDescriptor(value, key);
            if (d && 'value' in d) push(d.value);
          }
        }
      } catch {
        // A proxy that throws: what it hides is not counted.
      }
    }
    return { bytes, objects };
  };

  const guard: HeapGuard = {
    n: TICKS,
    c: 0,
    p(free, ...locals) {
      if (tripped !== null) {
        guard.n = 0;
        throw limitError(tripped);
      }
      if (round === null) {
        if (guard.n < 0) guard.n = TICKS;
        if (guard.c - countedAt < nextAfterBytes && performance.now() - lookedAt < interval) return;
        round = [];
        roundTicks = 0;
      }
      // One tick sees only its own names: a round gathers those of the next few, wherever they are
      // (every function tick reports during it), so that a loop calling a closure sees the closure's too.
      round.push(...locals);
      if (free !== 0) free(round);
      roundTicks += 1;
      if (roundTicks < ROUND_TICKS) {
        guard.n = 0;
        return;
      }
      const roots = round;
      round = null;
      guard.n = TICKS;
      const started = performance.now();
      const bulk = options.bulkHeld();
      const held = measure(roots, options.limit - bulk);
      const done = performance.now();
      lookedAt = done;
      countedAt = guard.c;
      interval = Math.min(5000, Math.max(250, (done - started) * 20));
      nextAfterBytes = Math.max(quarter, held.bytes);
      if (held.objects > options.maxObjects) tripped = `the code holds more than ${options.maxObjects.toLocaleString('en')} JavaScript objects; keep numbers in typed arrays or tensors`;
      // The walk stops once past the limit, so "more than" is what it knows.
      else if (held.bytes + bulk > options.limit) tripped = `the code holds more than its memory limit of ${mib(options.limit)}: ${bulk > 0 ? `${mib(bulk)} in buffers and tensors, the rest` : 'all of it'} in objects, arrays and strings`;
      if (tripped === null) return;
      // Said at once: the code may catch the error below and go on; the frame ends the worker on this message.
      options.onTrip(tripped);
      guard.n = 0;
      throw limitError(tripped);
    },
    r(value) {
      if (Array.isArray(value)) guard.c += 32 + 8 * value.length;
      else if (typeof value === 'string') guard.c += 8 + value.length;
      return value;
    },
  };
  return guard;
}
