/**
 * Training speed of this device per backend, on the gbdt benchmark's generated table (200,000 ×
 * 30, binary, seeded): gradient-boosted trees (200 trees, 63 leaves, 255 bins) with histograms on
 * the CPU kernels or on WebGPU, and MLP training steps on TF.js's cpu, wasm and webgpu backends,
 * reported as epochs per second over that table. Runs in the train worker for the diagnostics
 * page and `npm run bench -- browser-training`.
 *
 * An MLP epoch over 200,000 rows is hundreds of steps, minutes on a slow backend: the steps of a
 * shorter stretch are timed and scaled (a step costs the same whatever the table's length).
 */
import { setMlBackend, type MlBackendOptions } from '../ml/backend';
import { gbdtLearner } from '../ml/gbdt';
import type { HistogramDevice } from '../ml/gbdt/gpu/histogram-device';
import { fillMissing, generateBinary } from '../ml/gbdt/synth';
import { logLoss } from '../ml/metrics/classification';
import { mlpLearner } from '../ml/mlp';
import type { TrainData } from '../ml/types';

export const BENCH_TABLE = { rows: 200_000, cols: 30, seed: 42 } as const;
const GBDT_PARAMS = { trees: 200, leaves: 63, bins: 255, learningRate: 0.1, earlyStoppingRounds: 0 } as const;
const MLP_PARAMS = { layers: 2, units: 64, dropout: 0, learningRate: 1e-3, batchSize: 256, epochs: 1 } as const;

export type BenchBackend = 'cpu' | 'wasm' | 'webgpu';

export interface GbdtBench {
  readonly histograms: 'cpu' | 'webgpu';
  readonly rows: number;
  readonly trees: number;
  /** For 200 trees; measured on `scaledFrom` trees and scaled where set. */
  readonly seconds: number;
  readonly scaledFrom?: number;
  readonly trainLogLoss: number;
  /** Predicting every row of the table with the fitted trees (the matrix, no CSV): rows per second. */
  readonly predictRowsPerSecond: number;
}

export interface MlpBench {
  readonly backend: string;
  readonly stepsTimed: number;
  readonly stepsPerSecond: number;
  /** Full passes over BENCH_TABLE.rows per second. */
  readonly epochsPerSecond: number;
}

let table: TrainData | undefined;

/** The generated table, kept for the next run (generating it takes about a second). */
function benchTable(rows: number = BENCH_TABLE.rows): TrainData {
  if (table?.x.rows !== rows) {
    const { x, y } = generateBinary(rows, BENCH_TABLE.cols, BENCH_TABLE.seed);
    table = { x, y, task: 'binary', classCount: 2 };
  }
  return table;
}

/** One fixed gbdt fit on the whole table; `histograms` puts large nodes on the GPU. Tests pass fewer rows and trees. */
export async function benchGbdt(histograms?: HistogramDevice, size: { rows?: number; trees?: number } = {}): Promise<GbdtBench> {
  const data = benchTable(size.rows);
  const params = gbdtLearner.parseParams({ ...GBDT_PARAMS, ...(size.trees ? { trees: size.trees } : {}) }, 'binary');
  const started = performance.now();
  const model = await gbdtLearner.fit(data, params, { seed: BENCH_TABLE.seed, ...(histograms ? { histograms } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const predicting = performance.now();
  const p = await gbdtLearner.predict(model, data.x);
  const predictRowsPerSecond = data.x.rows / ((performance.now() - predicting) / 1000);
  return { histograms: histograms ? 'webgpu' : 'cpu', rows: data.x.rows, trees: model.rounds, seconds, trainLogLoss: logLoss(data.y, p), predictRowsPerSecond };
}

/**
 * MLP steps of 256 rows on `backend` for about `seconds` (at least one 16-step stretch after a
 * warm-up epoch of 8 steps), scaled to epochs of the whole table.
 */
export async function benchMlp(backend: BenchBackend, options: MlBackendOptions, seconds = 3): Promise<MlpBench> {
  const active = await setMlBackend(backend, options);
  const table = benchTable();
  const full: TrainData = { ...table, x: fillMissing(table.x) };
  const batch = MLP_PARAMS.batchSize;
  const params = mlpLearner.parseParams(MLP_PARAMS, 'binary');
  const slice = (steps: number): TrainData => {
    const rows = steps * batch;
    return { ...full, x: { rows, cols: full.x.cols, values: full.x.values.subarray(0, rows * full.x.cols) }, y: full.y.subarray(0, rows) };
  };
  const fit = async (steps: number) => {
    const started = performance.now();
    const model = await mlpLearner.fit(slice(steps), params, { seed: 1 });
    mlpLearner.dispose?.(model);
    return performance.now() - started;
  };
  await fit(8);
  // Double the stretch until it lasts long enough to time.
  let steps = 16;
  let ms = await fit(steps);
  while (ms < seconds * 1000 && steps * 2 * batch <= full.x.rows) {
    steps *= 2;
    ms = await fit(steps);
  }
  const stepsPerSecond = (steps * 1000) / ms;
  return { backend: active, stepsTimed: steps, stepsPerSecond, epochsPerSecond: stepsPerSecond / Math.ceil(full.x.rows / batch) };
}

/** One measurement of the diagnostics page's speed table. */
export type DeviceBenchKind = 'gbdt-cpu' | 'gbdt-webgpu' | 'mlp-cpu' | 'mlp-wasm' | 'mlp-webgpu';

export type DeviceBenchResult =
  | { readonly kind: DeviceBenchKind; readonly type: 'gbdt'; readonly gbdt: GbdtBench; readonly adapter?: string }
  | { readonly kind: DeviceBenchKind; readonly type: 'mlp'; readonly mlp: MlpBench; readonly adapter?: string }
  | { readonly kind: DeviceBenchKind; readonly type: 'unavailable'; readonly reason: string };

/**
 * Trees fitted on a software adapter: SwiftShader builds a 200,000-row histogram in about a second,
 * so 200 trees would take minutes. Its fit is cut to this many trees and the time scaled to 200.
 */
export const SOFTWARE_ADAPTER_TREES = 5;

export async function runDeviceBench(
  kind: DeviceBenchKind,
  adapter: { readonly type: 'adapter'; readonly description: string; readonly fallback: boolean } | { readonly type: 'none'; readonly reason: string },
  options: MlBackendOptions,
  openHistograms: (adapter: string) => Promise<HistogramDevice | undefined>,
): Promise<DeviceBenchResult> {
  const gpuAdapter = adapter.type === 'adapter' ? adapter.description : undefined;
  if (kind === 'gbdt-cpu') return { kind, type: 'gbdt', gbdt: await benchGbdt() };
  if (kind.endsWith('webgpu') && adapter.type === 'none') return { kind, type: 'unavailable', reason: adapter.reason };
  if (kind === 'gbdt-webgpu') {
    const device = await openHistograms(gpuAdapter!);
    if (!device) return { kind, type: 'unavailable', reason: 'WebGPU could not start the histogram kernel' };
    const fallback = adapter.type === 'adapter' && adapter.fallback;
    const gbdt = await benchGbdt(device, fallback ? { trees: SOFTWARE_ADAPTER_TREES } : {});
    const scaled = fallback ? { ...gbdt, seconds: (gbdt.seconds * GBDT_PARAMS.trees) / gbdt.trees, scaledFrom: gbdt.trees } : gbdt;
    return { kind, type: 'gbdt', gbdt: scaled, ...(gpuAdapter ? { adapter: gpuAdapter } : {}) };
  }
  const backend = kind === 'mlp-cpu' ? 'cpu' : kind === 'mlp-wasm' ? 'wasm' : 'webgpu';
  const mlp = await benchMlp(backend, options);
  if (mlp.backend !== backend) return { kind, type: 'unavailable', reason: `TF.js could not start its ${backend} backend` };
  return { kind, type: 'mlp', mlp, ...(backend === 'webgpu' && gpuAdapter ? { adapter: gpuAdapter } : {}) };
}
