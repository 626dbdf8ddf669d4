/**
 * The WGSL kernel's arithmetic replayed in JS, so that Node tests can drive the grower's device
 * path: u32 words, the low word's carry detected from the value an atomicAdd returns, and the
 * rows × features additions in an order the test chooses (a GPU gives no order at all).
 */
import type { Rng } from '../../../rng';
import type { BinnedMatrix } from '../../bins';
import type { HistogramLayout } from '../../histogram';
import { decodeHistogram, encodeStats } from '../fixed-point';
import type { HistogramDevice, HistogramSession } from '../histogram-device';

/** What `atomicAdd(&hist[at], lo)` then the carry into `hist[at + 1]` do in the kernel. */
export function addFixed(hist: Uint32Array, at: number, lo: number, hi: number): void {
  const old = hist[at]!;
  const sum = (old + lo) >>> 0;
  hist[at] = sum;
  const high = (hi + (sum < old ? 1 : 0)) >>> 0;
  if (high !== 0) hist[at + 1] = (hist[at + 1]! + high) >>> 0;
}

export class EmulatedDevice implements HistogramDevice {
  builds = 0;

  /** `order` shuffles each node's additions; without it they run row by row, feature by feature. */
  constructor(
    readonly minRows: number,
    private readonly order?: Rng,
  ) {}

  open(binned: BinnedMatrix, layout: HistogramLayout): HistogramSession {
    const { channels } = layout;
    const encoded = new Uint32Array(binned.rows * channels * 2);
    const words = new Uint32Array(layout.size * 2);
    let units: Float64Array | undefined;
    return {
      setStats: (stats, terms) => (units = encodeStats(stats, channels, terms, encoded)) !== undefined,
      build: async (rows, start, end, hist) => {
        if (!units) return false;
        words.fill(0);
        const jobs = Uint32Array.from({ length: (end - start) * binned.cols }, (_, i) => i);
        this.order?.shuffle(jobs);
        for (const job of jobs) {
          const r = rows[start + Math.floor(job / binned.cols)]!;
          const f = job % binned.cols;
          const entry = layout.offsets[f]! + binned.bins[r * binned.stride + f]! * channels;
          for (let c = 0; c < channels; c++) {
            const s = 2 * (r * channels + c);
            addFixed(words, 2 * (entry + c), encoded[s]!, encoded[s + 1]!);
          }
        }
        decodeHistogram(words, units, channels, hist);
        this.builds++;
        return true;
      },
      dispose: () => undefined,
    };
  }
}
