/**
 * The calibration's probes, run in the train worker: a few seconds that time one training step of
 * a tabular-sized network on WASM and on WebGPU at two batch sizes, and one tree-histogram build on
 * the CPU kernels and on WebGPU at two row counts. Warm-up (shader compilation, WASM start-up) is
 * run first and not counted: a search repeats these steps thousands of times.
 *
 * WebGPU on a software adapter is not measured unless asked (BROWSER.md: ~37× slower than WASM,
 * it never wins, and measuring it costs seconds).
 */
import { setMlBackend, type MlBackendOptions } from '../ml/backend';
import { applyBins, fitBins } from '../ml/gbdt/bins';
import { accumulateTwo, createHistogramLayout } from '../ml/gbdt/histogram';
import type { HistogramDevice } from '../ml/gbdt/gpu/histogram-device';
import { fillMissing, generateBinary } from '../ml/gbdt/synth';
import { trainDenseNet } from '../ml/tf/train-dense-net';
import type { TrainData } from '../ml/types';
import { CALIBRATION_VERSION, deviceKey, type Calibration, type MlpTiming, type TreeTiming } from './calibration';

export interface CalibrateOptions extends MlBackendOptions {
  /** The WebGPU adapter, if any. */
  readonly adapter?: { readonly description: string; readonly fallback: boolean };
  /** Opens a histogram device on the GPU (undefined: none). */
  readonly openHistograms?: () => Promise<HistogramDevice | undefined>;
  /** Measure a software adapter too (the diagnostics page asks for it; 'auto' does not). */
  readonly includeSoftware?: boolean;
  readonly cpuThreads: number;
  readonly now?: () => number;
}

/** Batch rows timed: a small table's (see mlp batchFor) and the default. */
export const MLP_BATCHES = [32, 256] as const;
/** The probe network: as wide as a typical encoded table, two hidden layers of 64. */
const MLP_PROBE = { cols: 64, units: 64, shortSteps: 4, longSteps: 20 } as const;
/** Node sizes timed for the tree histograms, on a table of 30 features like the gbdt bench's. */
export const TREE_ROWS = [16_384, 131_072] as const;
const TREE_COLS = 30;
const REPEATS = 3;

export async function calibrate(options: CalibrateOptions): Promise<Calibration> {
  const { adapter } = options;
  const skipped = !adapter
    ? 'no WebGPU adapter on this device'
    : adapter.fallback && !options.includeSoftware
      ? `WebGPU here is a software adapter (${adapter.description}), slower than WASM`
      : undefined;
  const mlp: MlpTiming[] = [];
  const wasmOk = (await setMlBackend('wasm', options)) === 'wasm';
  const wasmTimes: (number | null)[] = [];
  for (const batch of MLP_BATCHES) wasmTimes.push(wasmOk ? await timeMlpStep(batch) : null);
  let webgpuTimes: (number | null)[] = MLP_BATCHES.map(() => null);
  if (!skipped && (await setMlBackend('webgpu', options)) === 'webgpu') {
    webgpuTimes = [];
    for (const batch of MLP_BATCHES) webgpuTimes.push(await timeMlpStep(batch));
  }
  MLP_BATCHES.forEach((batch, i) => mlp.push({ batch, wasmMs: wasmTimes[i]!, webgpuMs: webgpuTimes[i]! }));
  const device = skipped ? undefined : await options.openHistograms?.();
  const trees = await timeTreeHistograms(device);
  return {
    version: CALIBRATION_VERSION,
    device: deviceKey(adapter?.description, options.cpuThreads),
    measuredAt: (options.now ?? Date.now)(),
    ...(skipped ? { webgpuSkipped: skipped } : {}),
    ...(adapter?.fallback ? { softwareAdapter: true } : {}),
    mlp,
    trees,
  };
}

/**
 * Milliseconds per training step of the MLP learner's own loop (forward, backward, Adam, the loss
 * read back) at `batch` rows: two fits of different lengths, the difference divided by the extra
 * steps, so that a fit's set-up (uploads, weights) is not counted as step time. After a warm-up
 * fit (shader compilation, WASM start-up).
 */
async function timeMlpStep(batch: number): Promise<number> {
  const { cols, units, shortSteps, longSteps } = MLP_PROBE;
  const fitMs = async (steps: number) => {
    await yieldToEvents();
    const data = probeTable(batch * steps, cols);
    const options = { learner: 'mlp', hidden: [units, units], dropout: 0, l2: 0, learningRate: 1e-3, epochs: 1, batchSize: batch, patience: 1 } as const;
    const started = performance.now();
    await trainDenseNet(data, options, { seed: 1 });
    return performance.now() - started;
  };
  await fitMs(2);
  const short: number[] = [];
  const long: number[] = [];
  for (let r = 0; r < 2; r++) {
    short.push(await fitMs(shortSteps));
    long.push(await fitMs(longSteps));
  }
  return Math.max(1e-3, (median(long) - median(short)) / (longSteps - shortSteps));
}

/** Standard-normal features and a linear binary label: what a step costs does not depend on them. */
function probeTable(rows: number, cols: number): TrainData {
  const { x, y } = generateBinary(rows, cols, 11);
  return { x: fillMissing(x), y, task: 'binary', classCount: 2 };
}

async function timeTreeHistograms(device: HistogramDevice | undefined): Promise<TreeTiming[]> {
  await yieldToEvents();
  const rows = TREE_ROWS.at(-1)!;
  const { x, y } = generateBinary(rows, TREE_COLS, 7);
  const mapper = fitBins(x, 255, 7);
  const binned = applyBins(x, mapper);
  const layout = createHistogramLayout(mapper, binned.stride, 2);
  const stats = new Float64Array(2 * rows);
  for (let r = 0; r < rows; r++) {
    stats[2 * r] = 0.5 - y[r]!;
    stats[2 * r + 1] = 0.25;
  }
  const words = new Uint32Array(binned.bins.buffer, binned.bins.byteOffset, binned.bins.byteLength >>> 2);
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  const hist = new Float64Array(layout.size);
  const session = device?.open(binned, layout);
  const gpuReady = session?.setStats(stats, rows) ?? false;
  try {
    const out: TreeTiming[] = [];
    for (const n of TREE_ROWS) {
      const cpuMs = await timeRepeated(() => {
        hist.fill(0);
        accumulateTwo(words, binned.stride >>> 2, stats, all, 0, n, layout, hist);
      });
      let webgpuMs: number | null = null;
      if (session && gpuReady) {
        const ok = await session.build(all, 0, n, hist); // warm-up
        if (ok) webgpuMs = await timeRepeated(() => session.build(all, 0, n, hist));
      }
      out.push({ rows: n, cpuMs, webgpuMs });
    }
    return out;
  } finally {
    session?.dispose();
  }
}

async function timeRepeated(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    await yieldToEvents();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * A macrotask break between probes: the worker answers the page's progress polls and a cancel
 * while it measures (microtask awaits alone never let a message in).
 */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
