/**
 * The tree walk in WebAssembly, for ensembles whose leaves hold one value (gbdt of any task, a
 * regression forest): about five times the rows a second of the JavaScript walks (measured on
 * 200 trees of 31 leaves, bench/predict.ts), with the same bits out.
 *
 * Why WebAssembly: V8 compiles each step of the JavaScript walks (walk.ts) to some thirty
 * instructions (map, bounds and overflow checks, spilled registers); here a step is about ten.
 * - The trees are chained into one walk per row (see makeLayout): a leaf's slot holds its value
 *   and the next tree's root split, so a row goes through every tree with no loop over trees and
 *   no step spent on a leaf, and eight rows step side by side with no "at a leaf?" test until all
 *   eight reach the end. Stepping tree by tree instead, with leaves that point at themselves, the
 *   eight lanes took 7.5 steps a tree where the average path is 4.2: half the work marked time.
 * - The rows are copied in twice: as they are (a missing value, NaN, is above no cut, so it goes
 *   left), and a fixed distance further on with missing values as +∞ (above every cut: right). A
 *   node whose missing values go left reads the first copy, one that sends them right the second,
 *   so the step needs no missing-value test. The first copy is a plain memory copy; the second
 *   is made four floats at a time with WebAssembly SIMD where the runtime has it. Rows holding a
 *   real ±∞ (the transform never makes one) are left to the JavaScript walk.
 * - The cut is the float64 threshold rounded down to float32: for a float32 value v, v > cut
 *   exactly when v > that float32. A +∞ cut becomes the largest float32: no finite value is
 *   above it, and the +∞ that stands for a missing value is.
 * Sums are added in tree order, starting from 0 for the rows that the JavaScript walks sum in
 * registers and straight into `out` for the rest, exactly as they do; a split adds −0, which
 * leaves every sum as it is.
 *
 * Plain TypeScript for Node and the browser: only the WebAssembly global, no imports.
 */
import type { Matrix } from '../types';
import type { TreeEnsemble } from './ensemble';
import { F64, I32, OP, SIMD, V128, sleb, uleb, wasmModule } from './wasm-bytes';

/** Rows stepped together: eight keep the CPU busy while each waits on its loads; more spill registers. */
const LANES = 8;
/** Steps between "has every lane finished?" tests: the test costs more than a step. */
const UNROLL = 4;
/** Bytes of a slot: [feature offset i32, first child i32, cut f32, output byte offset i32, leaf value f64]. */
const SLOT = 24;
/** Bytes of row values copied in per call: small enough to stay in the L2 cache with the trees. */
const CHUNK_BYTES = 256 * 1024;
const FLOAT32_MAX = 3.4028234663852886e38;
const PAGE = 65536;

/** One ensemble as the kernel reads it, made once and copied into the module's memory when used. */
interface Layout {
  /** The slots; slot 0 is the end, where every walk stops. */
  readonly image: Uint8Array;
  /** Byte offset of each tree's entry slot. */
  readonly entries: Int32Array;
  /** Rows of values copied in per call. */
  readonly chunk: number;
  /** From a value in the first copy of the rows to the same value in the second (see the header). */
  readonly planeBytes: number;
}

interface Kernel {
  readonly memory: WebAssembly.Memory;
  /** Rows [0, rows) from values, walked from slot `start` to the end: each row's sum into out (float64 per row). */
  readonly sum: (values: number, stride: number, rows: number, start: number, out: number, width: number) => void;
  /** The same rows, each leaf added into out[row × width + its tree's output] in tree order. */
  readonly add: Kernel['sum'];
  /**
   * `count` floats (a multiple of 4) from `first` to `second`, NaN as +∞; non-zero when one is ±∞.
   * Absent where the runtime lacks WebAssembly SIMD: then JavaScript copies.
   */
  readonly prepare: ((first: number, second: number, count: number) => number) | undefined;
  loaded: Layout | undefined;
}

let kernel: Kernel | null | undefined;
const layouts = new WeakMap<TreeEnsemble, Layout | null>();

/**
 * Adds trees [from, to) of `ensemble` (leafWidth 1) into `out`, as accumulateEnsemble does: rows
 * [0, summedRows) as one sum per row added at the end, the rest leaf by leaf. False, with `out`
 * untouched, where WebAssembly is missing, the ensemble cannot be laid out, or `to` stops short of
 * the last tree (the trees are chained to the end).
 */
export function accumulateWasm(ensemble: TreeEnsemble, x: Matrix, out: Float64Array, outWidth: number, from: number, to: number, summedRows: number, fallback: (rows: Matrix, out: Float64Array) => void): boolean {
  if (ensemble.leafWidth !== 1 || to !== ensemble.roots.length || from > to) return false;
  const k = kernelOf();
  const layout = k && layoutOf(ensemble);
  if (!k || !layout) return false;
  const cols = x.cols;
  const { chunk, planeBytes } = layout;
  const valuesAt = align(layout.image.length, 16);
  const outAt = valuesAt + 2 * planeBytes;
  if (!ensureMemory(k, outAt + 8 * outWidth * (chunk + LANES))) return false;
  if (k.loaded !== layout) {
    new Uint8Array(k.memory.buffer).set(layout.image);
    k.loaded = layout;
  }
  const start = from < to ? layout.entries[from]! : 0;
  for (let r0 = 0; r0 < x.rows; r0 += chunk) {
    const n = Math.min(chunk, x.rows - r0);
    if (!copyRows(k, x.values.subarray(r0 * cols, (r0 + n) * cols), valuesAt, planeBytes)) {
      // Chunks start at multiples of LANES, so the JavaScript walk groups these rows as it would have.
      fallback({ rows: n, cols, values: x.values.subarray(r0 * cols, (r0 + n) * cols) }, out.subarray(r0 * outWidth, (r0 + n) * outWidth));
      continue;
    }
    const summed = Math.max(0, Math.min(n, summedRows - r0));
    // Rows run in whole lanes: a padding row's result lands past the rows and is dropped.
    const run = (fn: Kernel['sum'], first: number, rows: number) => fn(valuesAt + 4 * cols * first, 4 * cols, align(rows, LANES), start, outAt, outWidth);
    if (summed > 0) {
      run(k.sum, 0, summed);
      const sums = new Float64Array(k.memory.buffer, outAt, summed);
      for (let r = 0; r < summed; r++) out[r0 + r] = out[r0 + r]! + sums[r]!;
    }
    if (summed < n) {
      const rest = out.subarray((r0 + summed) * outWidth, (r0 + n) * outWidth);
      new Float64Array(k.memory.buffer, outAt, rest.length).set(rest);
      run(k.add, summed, n - summed);
      rest.set(new Float64Array(k.memory.buffer, outAt, rest.length));
    }
  }
  return true;
}

/**
 * The rows into the module's memory twice: as they are at `at` (a missing value, NaN, is above no
 * cut), and with missing values as +∞ `planeBytes` further on (above every cut). False when a row
 * holds a real ±∞, which the walk would confuse with those.
 */
function copyRows(k: Kernel, rows: Float32Array, at: number, planeBytes: number): boolean {
  const first = new Float32Array(k.memory.buffer, at, rows.length);
  first.set(rows);
  const whole = k.prepare ? rows.length & ~3 : 0;
  let infinite = whole > 0 && k.prepare!(at, at + planeBytes, whole) !== 0;
  const second = new Float32Array(k.memory.buffer, at + planeBytes, rows.length);
  for (let i = whole; i < rows.length; i++) {
    const v = rows[i]!;
    if (v === v) {
      second[i] = v;
      if (v - v !== 0) infinite = true;
    } else second[i] = Infinity;
  }
  return !infinite;
}

function layoutOf(e: TreeEnsemble): Layout | null {
  const cached = layouts.get(e);
  if (cached !== undefined) return cached;
  const layout = makeLayout(e);
  layouts.set(e, layout);
  return layout;
}

/**
 * The trees chained into one walk. A slot adds its leaf value (−0, which changes no sum, on a
 * split) and then steps: to `first child + SLOT × (v > cut)`. Each tree's splits are laid out
 * breadth first with siblings side by side. A leaf's slot carries its value and, so that reaching
 * it costs no step of its own, the next tree's root split; where the next tree is a single leaf
 * (or there is none), it passes on with a cut no value is above. Null for a NaN threshold.
 */
function makeLayout(e: TreeEnsemble): Layout | null {
  const trees = e.roots.length;
  for (const c of e.threshold) if (Number.isNaN(c)) return null;
  // Slot contents: a split node n ≥ 0, or the leaf ~n of tree `tree`; slot 0 is the end.
  const node: number[] = [~0];
  const tree: number[] = [-1];
  const firstChild: number[] = [0];
  const entries = new Int32Array(trees);
  for (let t = 0; t < trees; t++) {
    entries[t] = node.length;
    node.push(e.roots[t]!);
    tree.push(t);
    firstChild.push(0);
    for (let s = entries[t]!; s < node.length; s++) {
      const n = node[s]!;
      if (n < 0) continue;
      firstChild[s] = node.length;
      node.push(e.left[n]!, e.right[n]!);
      tree.push(t, t);
      firstChild.push(0, 0);
    }
  }
  const slots = node.length;
  const buffer = new ArrayBuffer(SLOT * slots);
  const view = new DataView(buffer);
  const fill = (s: number, feature: number, child: number, cut: number, output: number, leaf: number) => {
    view.setInt32(SLOT * s, feature, true);
    view.setInt32(SLOT * s + 4, SLOT * child, true);
    view.setFloat32(SLOT * s + 8, cut, true);
    view.setInt32(SLOT * s + 12, 8 * output, true);
    view.setFloat64(SLOT * s + 16, leaf, true);
  };
  const chunk = Math.max(LANES, Math.floor(CHUNK_BYTES / (8 * e.cols) / LANES) * LANES);
  // Whole lanes of padding rows, and 16-byte alignment for the vector copy.
  const planeBytes = align(4 * e.cols * (chunk + LANES), 16);
  const featureOffset = (n: number) => 4 * e.feature[n]! + (e.defaultLeft[n] ? 0 : planeBytes);
  /** The step out of a finished tree t: into tree t + 1's root split, or to its entry slot. */
  const onwards = (t: number, s: number, output: number, leaf: number) => {
    const next = t + 1 < trees ? entries[t + 1]! : 0;
    const root = next ? node[next]! : -1;
    // A leaf's −4 reads the float before its row, never above +∞.
    if (root >= 0) fill(s, featureOffset(root), firstChild[next]!, floorFloat32(e.threshold[root]!), output, leaf);
    else fill(s, -4, next, Infinity, output, leaf);
  };
  fill(0, -4, 0, Infinity, 0, -0);
  for (let s = 1; s < slots; s++) {
    const n = node[s]!;
    const t = tree[s]!;
    if (n >= 0) fill(s, featureOffset(n), firstChild[s]!, floorFloat32(e.threshold[n]!), 0, -0);
    else onwards(t, s, e.outputs[t]!, e.leafValues[~n]!);
  }
  for (let t = 0; t < trees; t++) entries[t] = SLOT * entries[t]!;
  return { image: new Uint8Array(buffer), entries, chunk, planeBytes };
}

const float32 = new Float32Array(1);
const float32Bits = new Int32Array(float32.buffer);

/** The largest float32 ≤ c, capped at the largest finite float32 (see the header). */
export function floorFloat32(c: number): number {
  if (c >= FLOAT32_MAX) return FLOAT32_MAX;
  const f = Math.fround(c);
  if (f <= c) return f;
  float32[0] = f;
  if (f > 0) float32Bits[0] = float32Bits[0]! - 1;
  else if (f < 0) float32Bits[0] = float32Bits[0]! + 1;
  else float32Bits[0] = 0x80000001 | 0; // −(smallest subnormal), just below 0
  return float32[0]!;
}

function ensureMemory(k: Kernel, bytes: number): boolean {
  const missing = bytes - k.memory.buffer.byteLength;
  if (missing <= 0) return true;
  try {
    k.memory.grow(Math.ceil(missing / PAGE));
    return true;
  } catch {
    return false;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** Which parts of the walk run in WebAssembly here (for tests and diagnostics). */
export function wasmWalkSupport(): { walk: boolean; simdCopy: boolean } {
  const k = kernelOf();
  return { walk: k !== null, simdCopy: k?.prepare !== undefined };
}

function kernelOf(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  if (typeof WebAssembly !== 'object') return null;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(kernelModule()), {});
  } catch {
    return null; // e.g. a content security policy without 'wasm-unsafe-eval'
  }
  const { memory, sum, add } = instance.exports;
  if (!(memory instanceof WebAssembly.Memory) || typeof sum !== 'function' || typeof add !== 'function') return null;
  kernel = { memory, sum: sum as Kernel['sum'], add: add as Kernel['sum'], prepare: prepareOf(memory), loaded: undefined };
  return kernel;
}

function prepareOf(memory: WebAssembly.Memory): Kernel['prepare'] {
  try {
    const { prepare } = new WebAssembly.Instance(new WebAssembly.Module(prepareModule()), { env: { memory } }).exports;
    return typeof prepare === 'function' ? (prepare as NonNullable<Kernel['prepare']>) : undefined;
  } catch {
    return undefined;
  }
}

// ——— The kernel, written out as WebAssembly bytes (wasm-bytes.ts). ———

/** The parameters of both functions, in order. */
const PARAMS = ['values', 'stride', 'rows', 'start', 'out', 'width'] as const;

function kernelModule(): Uint8Array<ArrayBuffer> {
  return wasmModule({
    params: PARAMS.map(() => I32),
    results: [],
    memory: 'own',
    functions: [
      { name: 'sum', ...kernelBody('sum') },
      { name: 'add', ...kernelBody('add') },
    ],
  });
}

function kernelBody(mode: 'sum' | 'add'): { locals: [number, number][]; code: number[] } {
  const lanes = Array.from({ length: LANES }, (_, k) => k);
  const p = Object.fromEntries(PARAMS.map((n, i) => [n, i])) as Record<(typeof PARAMS)[number], number>;
  let next = PARAMS.length;
  const r = next++;
  const address = next++;
  /** Per lane: its row's values, its slot, the slot's feature offset, and (add) its row in out. */
  const o = lanes.map(() => next++);
  const n = lanes.map(() => next++);
  const q = lanes.map(() => next++);
  const row = lanes.map(() => next++);
  const ints = next - PARAMS.length;
  const s = lanes.map(() => next++);
  const get = (i: number) => [OP.get, ...uleb(i)];
  const set = (i: number) => [OP.set, ...uleb(i)];
  const tee = (i: number) => [OP.tee, ...uleb(i)];
  const int = (v: number) => [OP.i32Const, ...sleb(v)];
  const mem = (op: number, align: number, offset: number) => [op, align, ...uleb(offset)];
  const leafValue = (k: number) => [...get(n[k]!), ...mem(OP.f64Load, 3, 16)];
  /** Adds the slot's leaf value (into s, or into the row's output in out), then steps: select, not a multiply, measured faster. */
  const step = (k: number) => [
    ...(mode === 'sum'
      ? [...get(s[k]!), ...leafValue(k), OP.f64Add, ...set(s[k]!)]
      : [...get(row[k]!), ...get(n[k]!), ...mem(OP.i32Load, 2, 12), OP.i32Add, ...tee(address), ...get(address), ...mem(OP.f64Load, 3, 0), ...leafValue(k), OP.f64Add, ...mem(OP.f64Store, 3, 0)]),
    ...int(SLOT), ...int(0), ...get(o[k]!), ...get(q[k]!), OP.i32Add, ...mem(OP.f32Load, 2, 0), ...get(n[k]!), ...mem(OP.f32Load, 2, 8), OP.f32Gt, OP.select,
    ...get(n[k]!), ...mem(OP.i32Load, 2, 4), OP.i32Add, ...tee(n[k]!), ...mem(OP.i32Load, 2, 0), ...set(q[k]!),
  ];
  const perRows = mode === 'sum' ? lanes.flatMap((k) => [...get(p.out), ...get(r), ...int(3), OP.i32Shl, OP.i32Add, ...get(s[k]!), ...mem(OP.f64Store, 3, 8 * k)]) : [];
  const code = [
    ...int(0), ...set(r),
    OP.block, 0x40, OP.loop, 0x40, // for (r = 0; r < rows; r += LANES)
    ...get(r), ...get(p.rows), OP.i32GeS, OP.brIf, 1,
    ...get(p.values), ...get(r), ...get(p.stride), OP.i32Mul, OP.i32Add, ...set(o[0]!),
    ...lanes.slice(1).flatMap((k) => [...get(o[k - 1]!), ...get(p.stride), OP.i32Add, ...set(o[k]!)]),
    ...(mode === 'sum'
      ? s.flatMap((v) => [OP.f64Const, 0, 0, 0, 0, 0, 0, 0, 0, ...set(v)])
      : lanes.flatMap((k) => [...get(p.out), ...get(r), ...int(k), OP.i32Add, ...get(p.width), OP.i32Mul, ...int(3), OP.i32Shl, OP.i32Add, ...set(row[k]!)])),
    ...get(p.start), ...lanes.slice(1).flatMap((k) => tee(n[k]!)), ...set(n[0]!),
    ...get(n[0]!), ...mem(OP.i32Load, 2, 0), ...lanes.slice(1).flatMap((k) => tee(q[k]!)), ...set(q[0]!),
    OP.loop, 0x40, // step every lane until all are at the end (slot 0), UNROLL steps at a time
    ...Array.from({ length: UNROLL }, () => lanes.flatMap(step)).flat(),
    ...get(n[0]!), ...lanes.slice(1).flatMap((k) => [...get(n[k]!), OP.i32Or]), OP.brIf, 0,
    OP.end,
    ...perRows,
    ...get(r), ...int(LANES), OP.i32Add, ...set(r), OP.br, 0,
    OP.end, OP.end,
    OP.end,
  ];
  return { locals: [[ints, I32], [LANES, F64]], code };
}

/** prepare(first, second, count): see Kernel.prepare; four floats a step, in its own module so that the walk does not need SIMD. */
function prepareModule(): Uint8Array<ArrayBuffer> {
  const [first, second, count, i, v, infinite] = [0, 1, 2, 3, 4, 5];
  const get = (n: number) => [OP.get, n];
  const set = (n: number) => [OP.set, n];
  const mem = (op: readonly number[]) => [...op, 2, 0];
  const plusInfinity = [...SIMD.const, ...Array.from({ length: 4 }, () => [0x00, 0x00, 0x80, 0x7f]).flat()];
  const at = (base: number) => [...get(base), ...get(i), OP.i32Const, 2, OP.i32Shl, OP.i32Add];
  const code = [
    OP.block, 0x40, OP.loop, 0x40,
    ...get(i), ...get(count), OP.i32GeS, OP.brIf, 1,
    ...at(first), ...mem(SIMD.load), ...set(v),
    ...at(second), ...plusInfinity, ...get(v), ...get(v), ...get(v), ...SIMD.f32x4Ne, ...SIMD.bitselect, ...mem(SIMD.store),
    ...get(infinite), ...get(v), ...SIMD.f32x4Abs, ...plusInfinity, ...SIMD.f32x4Eq, ...SIMD.or, ...set(infinite),
    ...get(i), OP.i32Const, 4, OP.i32Add, ...set(i), OP.br, 0,
    OP.end, OP.end,
    ...get(infinite), ...SIMD.anyTrue,
    OP.end,
  ];
  return wasmModule({ params: [I32, I32, I32], results: [I32], memory: 'import', functions: [{ name: 'prepare', locals: [[1, I32], [2, V128]], code }] });
}
