/**
 * Does a histogram device agree with the CPU kernels? On a seeded synthetic table, the histograms
 * of all rows and of a seeded subset are built both ways and compared bin by bin.
 *
 * The difference is measured relative to the bin's Σ|value|: that is the scale of any summation's
 * rounding (float64 on the CPU, fixed point on the device), where relative to the sum itself a
 * bin whose gradients cancel would report noise as a large error.
 */
import { createRng } from '../../rng';
import { applyBins, fitBins } from '../bins';
import { accumulateTwo, createHistogramLayout, type HistogramLayout } from '../histogram';
import { generateBinary } from '../synth';
import type { HistogramDevice, HistogramSession } from './histogram-device';

/**
 * Largest accepted difference. Both sums land within ~1e-14 of a bin's magnitude on this table
 * (4e-15 measured with the kernel's arithmetic emulated): 1e-9 leaves room for other tables,
 * while a wrong bin, row or carry is off by whole values.
 */
export const HISTOGRAM_TOLERANCE = 1e-9;

export interface HistogramAgreement {
  readonly rows: number;
  readonly subsetRows: number;
  readonly features: number;
  /** Max over bins of |device − CPU| / Σ|value| of the bin's rows. */
  readonly maxRelativeDifference: number;
}

export interface AgreementTable {
  readonly rows: number;
  /** At least 16 (synth.ts). */
  readonly cols: number;
  readonly seed: number;
}

/** Small enough for a software adapter to answer in a second, large enough to carry in every bin. */
export const AGREEMENT_TABLE: AgreementTable = { rows: 20_000, cols: 16, seed: 20261122 };

/** Share of rows in the subset: an irregular row list, as a node's is. */
const SUBSET_SHARE = 0.37;

export async function checkHistogramAgreement(device: HistogramDevice, table: AgreementTable = AGREEMENT_TABLE): Promise<HistogramAgreement> {
  const { x, y } = generateBinary(table.rows, table.cols, table.seed);
  const mapper = fitBins(x, 255, table.seed);
  const binned = applyBins(x, mapper);
  const layout = createHistogramLayout(mapper, binned.stride, 2);
  const rng = createRng(table.seed);
  // Log-loss gradients at scattered scores: both signs, hessians well away from 0.
  const stats = new Float64Array(2 * table.rows);
  const magnitudes = new Float64Array(2 * table.rows);
  for (let r = 0; r < table.rows; r++) {
    const p = 1 / (1 + Math.exp(-2 * rng.normal()));
    stats[2 * r] = p - y[r]!;
    stats[2 * r + 1] = p * (1 - p);
    magnitudes[2 * r] = Math.abs(stats[2 * r]!);
    magnitudes[2 * r + 1] = stats[2 * r + 1]!;
  }
  const all = Uint32Array.from({ length: table.rows }, (_, i) => i);
  const subset = all.filter(() => rng.next() < SUBSET_SHARE);
  const session = device.open(binned, layout);
  if (!session) throw new Error('The agreement table does not fit on the histogram device.');
  try {
    if (!session.setStats(stats, table.rows)) throw new Error('The histogram device did not take the statistics.');
    const words = new Uint32Array(binned.bins.buffer, binned.bins.byteOffset, binned.bins.byteLength >>> 2);
    let worst = 0;
    for (const rows of [all, subset]) {
      const cpu = new Float64Array(layout.size);
      const scale = new Float64Array(layout.size);
      accumulateTwo(words, binned.stride >>> 2, stats, rows, 0, rows.length, layout, cpu);
      accumulateTwo(words, binned.stride >>> 2, magnitudes, rows, 0, rows.length, layout, scale);
      const built = await buildOn(session, rows, layout);
      worst = Math.max(worst, maxRelativeDifference(built, cpu, scale, layout, mapper.counts));
    }
    return { rows: all.length, subsetRows: subset.length, features: table.cols, maxRelativeDifference: worst };
  } finally {
    session.dispose();
  }
}

async function buildOn(session: HistogramSession, rows: Uint32Array, layout: HistogramLayout): Promise<Float64Array> {
  const hist = new Float64Array(layout.size);
  if (!(await session.build(rows, 0, rows.length, hist))) throw new Error('The histogram device failed to build.');
  return hist;
}

/** Over every real feature's bins (padding rooms are never read); empty bins must be exactly 0. */
export function maxRelativeDifference(built: Float64Array, cpu: Float64Array, scale: Float64Array, layout: HistogramLayout, counts: ArrayLike<number>): number {
  let worst = 0;
  for (let f = 0; f < counts.length; f++) {
    const start = layout.offsets[f]!;
    const end = start + (counts[f]! + 1) * layout.channels;
    for (let i = start; i < end; i++) {
      const diff = Math.abs(built[i]! - cpu[i]!);
      const relative = scale[i]! > 0 ? diff / scale[i]! : diff > 0 ? Infinity : 0;
      // `!(a <= b)` also catches NaN.
      if (!(relative <= worst)) worst = relative;
    }
  }
  return worst;
}
