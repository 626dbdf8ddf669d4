/**
 * Just enough of the WebAssembly binary format to write small kernels by hand (walk-wasm.ts,
 * histogram-wasm.ts): the format is small, and no toolchain or binary file is needed.
 */

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n ? b | 0x80 : b);
  } while (n);
  return out;
};

export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

export const vec = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: readonly number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const OP = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d, get: 0x20, set: 0x21, tee: 0x22,
  select: 0x1b, i32Load: 0x28, f32Load: 0x2a, f64Load: 0x2b, i32Load8U: 0x2d, f64Store: 0x39, i32Const: 0x41, f64Const: 0x44,
  i32GeS: 0x4e, f32Gt: 0x5e, i32Add: 0x6a, i32Mul: 0x6c, i32Or: 0x72, i32Shl: 0x74, f64Add: 0xa0,
} as const;

/** SIMD instructions (prefix 0xfd, then the opcode as LEB128). */
export const SIMD = {
  load: [0xfd, 0x00], store: [0xfd, 0x0b], const: [0xfd, 0x0c], f32x4Eq: [0xfd, 0x41], f32x4Ne: [0xfd, 0x42],
  or: [0xfd, 0x50], bitselect: [0xfd, 0x52], anyTrue: [0xfd, 0x53], f32x4Abs: [0xfd, 0xe0, 0x01], f64x2Add: [0xfd, 0xf0, 0x01],
} as const;

/**
 * A module of functions sharing one type, exported by name, with a memory of its own (exported
 * as "memory") or imported as env.memory.
 */
export function wasmModule(options: {
  readonly params: readonly number[];
  readonly results: readonly number[];
  readonly memory: 'own' | 'import';
  /** Each function: its name, its locals as [count, type] groups, its code (ending with OP.end). */
  readonly functions: readonly { readonly name: string; readonly locals: readonly (readonly [number, number])[]; readonly code: readonly number[] }[];
}): Uint8Array<ArrayBuffer> {
  const { params, results, memory, functions } = options;
  const type = [0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))];
  const bodies = functions.map((f) => {
    const body = [...vec(f.locals.map(([count, t]) => [...uleb(count), t])), ...f.code];
    return [...uleb(body.length), ...body];
  });
  const exports = functions.map((f, i) => [...name(f.name), 0, ...uleb(i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([type])),
    ...(memory === 'import' ? section(2, vec([[...name('env'), ...name('memory'), 2, 0, 0]])) : []),
    ...section(3, vec(functions.map(() => [0]))),
    ...(memory === 'own' ? section(5, vec([[0, 1]])) : []),
    ...section(7, vec(memory === 'own' ? [[...name('memory'), 2, 0], ...exports] : exports)),
    ...section(10, vec(bodies)),
  ]);
}
