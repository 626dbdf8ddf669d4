/**
 * gbdt's histogram kernel in WebAssembly SIMD, for the fixed layout (256 bins × (g, h) a feature,
 * accumulateTwo's unrolled kernels): the same sums, bit for bit, in less time. A bin's (g, h) is
 * one 128-bit pair, so a row adds into a feature with one load, one f64x2.add and one store, and
 * each feature's room is a constant offset in the instruction: the kernel is unrolled for the
 * fit's row width, written once per width.
 *
 * The module's memory holds the fit's binned rows (copied once), the tree's (g, h) per row
 * (copied once a tree, `setStats`), a node's row indices and one histogram. A build copies the
 * node's rows in and the histogram out; nodes too small to repay that stay on the JavaScript
 * kernels. Where WebAssembly SIMD is missing, or the memory cannot be had, `open` gives undefined.
 */
import type { BinnedMatrix } from './bins';
import type { HistogramLayout } from './histogram';
import { I32, OP, SIMD, V128, sleb, uleb, wasmModule } from './wasm-bytes';

/** Nodes with fewer rows go to the JavaScript kernels: copying a 128 KB histogram out costs more. */
export const WASM_HISTOGRAM_MIN_ROWS = 256;
const PAGE = 65536;

type Kernel = (bins: number, stats: number, rows: number, count: number, hist: number) => void;

const modules = new Map<number, WebAssembly.Module | null>();

export class WasmHistograms {
  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernel: Kernel,
    private readonly at: { readonly bins: number; readonly stats: number; readonly rows: number; readonly hist: number },
    private readonly statsLength: number,
    private readonly histLength: number,
  ) {}

  /** The fit's kernel, its binned rows copied in; undefined where the layout or runtime does not allow it. */
  static open(binned: BinnedMatrix, layout: HistogramLayout): WasmHistograms | undefined {
    if (layout.featureSize !== 512 || layout.channels !== 2 || !LITTLE_ENDIAN) return undefined;
    const module = moduleFor(binned.stride);
    if (!module) return undefined;
    const binsBytes = binned.rows * binned.stride;
    const at = { bins: 0, stats: align(binsBytes), rows: 0, hist: 0 };
    at.rows = at.stats + 16 * binned.rows;
    at.hist = align(at.rows + 4 * binned.rows);
    const bytes = at.hist + 8 * layout.size;
    let memory: WebAssembly.Memory;
    let kernel: Kernel;
    try {
      memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
      kernel = new WebAssembly.Instance(module, { env: { memory } }).exports.accumulate as Kernel;
    } catch {
      return undefined; // no room for another memory this size: the JavaScript kernels need none
    }
    new Uint8Array(memory.buffer, 0, binsBytes).set(binned.bins.subarray(0, binsBytes));
    return new WasmHistograms(memory, kernel, at, 2 * binned.rows, layout.size);
  }

  /** The tree's (g, h) by row. */
  setStats(stats: Float64Array): void {
    new Float64Array(this.memory.buffer, this.at.stats, this.statsLength).set(stats.subarray(0, this.statsLength));
  }

  /** hist ← the histogram of rows[start..end), as accumulateTwo would write it. */
  build(rows: Uint32Array, start: number, end: number, hist: Float64Array): void {
    const buffer = this.memory.buffer;
    new Uint32Array(buffer, this.at.rows, end - start).set(rows.subarray(start, end));
    const out = new Float64Array(buffer, this.at.hist, this.histLength);
    out.fill(0);
    this.kernel(this.at.bins, this.at.stats, this.at.rows, end - start, this.at.hist);
    hist.set(out);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function align(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function moduleFor(stride: number): WebAssembly.Module | null {
  let module = modules.get(stride);
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(kernelModule(stride));
    } catch {
      module = null; // no WebAssembly, or no SIMD in it
    }
    modules.set(stride, module);
  }
  return module;
}

/**
 * accumulate(bins, stats, rows, count, hist): for each of `count` row indices at `rows`, its
 * (g, h) pair at stats + 16 r is added into hist + 4096 f + 16 × bin for each of the `stride`
 * bin bytes at bins + stride × r (padding bytes included, into rooms never read).
 */
function kernelModule(stride: number): Uint8Array<ArrayBuffer> {
  const [bins, stats, rows, count, hist, i, row, address, gh] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const get = (n: number) => [OP.get, n];
  const set = (n: number) => [OP.set, n];
  const tee = (n: number) => [OP.tee, n];
  const int = (v: number) => [OP.i32Const, ...sleb(v)];
  const feature = (f: number) => [
    ...get(row), OP.i32Load8U, 0, ...uleb(f), ...int(4), OP.i32Shl, ...get(hist), OP.i32Add, ...tee(address),
    ...get(address), ...SIMD.load, 3, ...uleb(4096 * f), ...get(gh), ...SIMD.f64x2Add, ...SIMD.store, 3, ...uleb(4096 * f),
  ];
  const code = [
    OP.block, 0x40, OP.loop, 0x40, // for (i = 0; i < count; i++)
    ...get(i), ...get(count), OP.i32GeS, OP.brIf, 1,
    ...get(rows), ...get(i), ...int(2), OP.i32Shl, OP.i32Add, OP.i32Load, 2, 0, ...tee(row),
    ...int(4), OP.i32Shl, ...get(stats), OP.i32Add, ...SIMD.load, 3, 0, ...set(gh),
    ...get(row), ...int(stride), OP.i32Mul, ...get(bins), OP.i32Add, ...set(row),
    ...Array.from({ length: stride }, (_, f) => feature(f)).flat(),
    ...get(i), ...int(1), OP.i32Add, ...set(i), OP.br, 0,
    OP.end, OP.end,
    OP.end,
  ];
  return wasmModule({ params: [I32, I32, I32, I32, I32], results: [], memory: 'import', functions: [{ name: 'accumulate', locals: [[3, I32], [1, V128]], code }] });
}
