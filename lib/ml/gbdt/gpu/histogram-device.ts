/**
 * What a tree grower needs from a device that builds node histograms for it (WebGPU in the
 * browser; an emulation in the tests). Types only: lib/ml/types.ts names it in FitContext, and no
 * DOM or worker API is touched by importing it.
 */
import type { BinnedMatrix } from '../bins';
import type { HistogramLayout } from '../histogram';

export interface HistogramDevice {
  /** Nodes with fewer rows are built by the CPU kernels (GPU_MIN_ROWS by default). */
  readonly minRows: number;
  /**
   * Takes one fit's binned rows to the device; undefined when they do not fit there or are fewer
   * than `minRows` (the fit then builds every histogram on the CPU). The session is the fit's:
   * dispose it when the fit ends.
   */
  open(binned: BinnedMatrix, layout: HistogramLayout): HistogramSession | undefined;
}

export interface HistogramSession {
  /**
   * The tree's per-row statistics (`layout.channels` a row, indexed by row), summed at most
   * `terms` at a time (the tree's row count). False when they cannot be sent (a value that is
   * not finite): the tree's histograms are then built on the CPU.
   */
  setStats(stats: Float64Array, terms: number): boolean;
  /**
   * Writes the histogram of rows[start..end) into `hist`, in the layout's doubles exactly as the
   * CPU kernels would (padding rooms aside). False when the device failed: build on the CPU.
   */
  build(rows: Uint32Array, start: number, end: number, hist: Float64Array): Promise<boolean>;
  dispose(): void;
}
