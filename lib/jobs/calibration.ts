/**
 * The device calibration behind the 'auto' backend (DESIGN.md §5): a few timed probes, kept per
 * device, from which each learner family gets the faster backend for the size of its data.
 *
 * Neural learners: milliseconds per training step of a probe network at a few batch sizes, on WASM
 * and on WebGPU; a run uses WebGPU when it is faster at the batch the MLP will train with.
 * Trees: milliseconds per histogram build at a few row counts, on the CPU kernels and on WebGPU;
 * nodes from the row count where WebGPU starts to win go to the GPU.
 *
 * Pure decisions here; the probes run in the train worker (calibrate.ts) and the store keeps one
 * record per device (lib/store/calibrations.ts).
 */

/** Bump when a probe changes meaning: older records are then measured again. */
export const CALIBRATION_VERSION = 1;

/** A calibration this old is measured again: drivers and browsers change. */
export const CALIBRATION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export interface MlpTiming {
  /** Rows per training step. */
  readonly batch: number;
  /** Null where WASM could not start (the neural learners then run on the CPU backend). */
  readonly wasmMs: number | null;
  /** Null where WebGPU was not measured (no adapter, or a software one). */
  readonly webgpuMs: number | null;
}

export interface TreeTiming {
  /** Rows whose histograms one build accumulates. */
  readonly rows: number;
  readonly cpuMs: number;
  readonly webgpuMs: number | null;
}

export interface Calibration {
  readonly version: number;
  /** The device measured: its WebGPU adapter (or none) and its CPU threads. */
  readonly device: string;
  readonly measuredAt: number;
  /** Why WebGPU was not measured, when it was not. */
  readonly webgpuSkipped?: string;
  /** WebGPU was a software adapter, measured for the record only: it is never chosen. */
  readonly softwareAdapter?: boolean;
  /** By increasing batch. */
  readonly mlp: readonly MlpTiming[];
  /** By increasing rows. */
  readonly trees: readonly TreeTiming[];
}

/** The key a calibration is kept under: the same adapter on the same CPU measures the same. */
export function deviceKey(adapter: string | undefined, cpuThreads: number): string {
  return `${adapter ?? 'no WebGPU adapter'} · ${cpuThreads} CPU threads`;
}

export function isCurrent(calibration: Calibration | undefined, device: string, now: number): calibration is Calibration {
  return (
    calibration !== undefined &&
    calibration.version === CALIBRATION_VERSION &&
    calibration.device === device &&
    now - calibration.measuredAt < CALIBRATION_MAX_AGE_MS
  );
}

export interface NeuralChoice {
  readonly backend: 'wasm' | 'webgpu';
  readonly reason: string;
}

/** The faster backend for neural learners training with batches of `batch` rows. */
export function neuralBackendFor(calibration: Calibration, batch: number): NeuralChoice {
  if (calibration.webgpuSkipped) return { backend: 'wasm', reason: calibration.webgpuSkipped };
  if (calibration.softwareAdapter) return { backend: 'wasm', reason: 'WebGPU here is a software adapter, slower than WASM' };
  const points = calibration.mlp.filter((p) => p.webgpuMs !== null);
  if (points.length === 0) return { backend: 'wasm', reason: 'WebGPU could not be measured' };
  const webgpu = interpolate(points.map((p) => [p.batch, p.webgpuMs!]), batch);
  if (points.some((p) => p.wasmMs === null)) return { backend: 'webgpu', reason: `WASM could not start here (WebGPU ${format(webgpu)} ms a step at batch ${batch})` };
  const wasm = interpolate(points.map((p) => [p.batch, p.wasmMs!]), batch);
  const numbers = `calibrated at batch ${batch}: WebGPU ${format(webgpu)} ms, WASM ${format(wasm)} ms a step`;
  return webgpu < wasm ? { backend: 'webgpu', reason: `measured faster (${numbers})` } : { backend: 'wasm', reason: `measured faster (${numbers})` };
}

/**
 * Smallest node (in rows) whose histograms are faster on WebGPU, or Infinity where the CPU is
 * always faster (or WebGPU was not measured). Between two measured sizes, times are interpolated
 * in log-log space: both sides grow about linearly with rows, the GPU from a fixed dispatch cost.
 */
export function treeGpuMinRows(calibration: Calibration): number {
  const points = calibration.trees.filter((p) => p.webgpuMs !== null);
  if (calibration.webgpuSkipped || calibration.softwareAdapter || points.length === 0) return Infinity;
  const wins = (rows: number) => interpolate(points.map((p) => [p.rows, p.webgpuMs!]), rows) < interpolate(points.map((p) => [p.rows, p.cpuMs]), rows);
  const largest = points.at(-1)!.rows;
  if (!wins(largest)) return Infinity;
  // Bisection in log space between the smallest measured size and the largest, where the GPU wins.
  let lo = points[0]!.rows;
  if (wins(lo)) return lo;
  let hi = largest;
  while (hi / lo > 1.01) {
    const mid = Math.sqrt(lo * hi);
    if (wins(mid)) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}

/** Piecewise linear in log(size) and log(ms), clamped to the measured range's end slopes. */
function interpolate(points: readonly (readonly [number, number])[], size: number): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  if (sorted.length === 1) return sorted[0]![1] * (size / sorted[0]![0]);
  let i = 1;
  while (i < sorted.length - 1 && sorted[i]![0] < size) i++;
  const [x0, y0] = sorted[i - 1]!;
  const [x1, y1] = sorted[i]!;
  const t = (Math.log(size) - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
  return Math.exp(Math.log(Math.max(y0, 1e-6)) + t * (Math.log(Math.max(y1, 1e-6)) - Math.log(Math.max(y0, 1e-6))));
}

function format(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}
