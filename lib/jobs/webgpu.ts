/**
 * WebGPU in the train worker beyond TF.js's backend: the device that builds an experiment's tree
 * histograms (TF.js's own GPUDevice when its webgpu backend runs, so both share one), what the
 * experiment's notices say about it, and the check of WebGPU against the CPU that the diagnostics
 * page runs. Kept out of train-service.ts, which stays about running jobs.
 *
 * No WebGPU API is touched at module level: the worker also runs in Node for the tests.
 */
/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import { mlBackendFallbackReason, setMlBackend, type MlBackendOptions } from '../ml/backend';
import type { WebGpuAdapter } from '../ml/gbdt/gpu/adapter';
import { AGREEMENT_TABLE, checkHistogramAgreement, HISTOGRAM_TOLERANCE } from '../ml/gbdt/gpu/agreement';
import { createGpuHistograms, requestGpuDevice, type GpuHistograms } from '../ml/gbdt/gpu/gpu-histograms';
import { fillMissing, generateBinary } from '../ml/gbdt/synth';
import { createRng } from '../ml/rng';
import { predictDenseNet, type DenseNet } from '../ml/tf/dense-net';
import { initialWeights, unpackLayers, weightLayout } from '../ml/tf/flat-weights';
import type { Matrix } from '../ml/types';
import type { WebGpuCheck } from './train-protocol';

export type TreeHistograms = { readonly type: 'ready'; readonly histograms: GpuHistograms } | { readonly type: 'unavailable'; readonly reason: string };

/**
 * Largest accepted difference of the MLP's probabilities: float32 products summed in another
 * order differ by ~1e-7; a wrong kernel is off by 1e-2 or more.
 */
export const MLP_TOLERANCE = 1e-4;

/** The MLP of the check: 16 features → 32 → 16 → 3 classes, on this many rows. */
const MLP_WIDTHS = [16, 32, 16, 3] as const;
const MLP_ROWS = 512;
const CHECK_SEED = 20261122;

/** A device of our own, for when TF.js's webgpu backend has none to share; asked for once per worker. */
let ownDevice: Promise<GPUDevice | undefined> | undefined;

/** A histogram device for one experiment (it counts that experiment's builds). */
export async function openTreeHistograms(adapter: string, minRows?: number): Promise<TreeHistograms> {
  try {
    const device = tfjsDevice() ?? (await (ownDevice ??= requestGpuDevice()));
    if (!device) return { type: 'unavailable', reason: 'WebGPU gave no device' };
    return { type: 'ready', histograms: await createGpuHistograms(device, adapter, minRows) };
  } catch (e) {
    return { type: 'unavailable', reason: `WebGPU could not start the histogram kernel (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** What the notice reads of a histogram device. */
type HistogramCounts = Pick<GpuHistograms, 'fits' | 'builds' | 'tooLarge' | 'failure' | 'adapter' | 'minRows'>;

/** The experiment's notice about its tree histograms; undefined when no tree fit was offered the device. */
export function treeHistogramsNotice(trees: { readonly type: 'ready'; readonly histograms: HistogramCounts } | { readonly type: 'unavailable'; readonly reason: string }): string | undefined {
  if (trees.type === 'unavailable') return `Tree histograms on the CPU: ${trees.reason}.`;
  const { fits, builds, tooLarge, failure, adapter, minRows } = trees.histograms;
  if (fits === 0) return undefined;
  if (failure !== undefined) return `Tree histograms went back to the CPU after ${builds} on WebGPU (adapter ${adapter}): ${failure}.`;
  if (builds === 0 && tooLarge > 0) return 'Tree histograms on the CPU: the table is larger than this GPU’s buffers allow.';
  if (builds === 0) return `Tree histograms on the CPU: no node had the ${minRows.toLocaleString('en-US')} rows that pay for a WebGPU round trip.`;
  return `Tree histograms on WebGPU (adapter ${adapter}) for nodes of ${minRows.toLocaleString('en-US')} rows or more: ${builds} built there, smaller nodes on the CPU.`;
}

/**
 * Builds histograms and runs a small MLP on WebGPU and on the CPU, and compares. Leaves the TF.js
 * backend on webgpu: every training sets its own before it starts.
 */
export async function checkWebGpu(adapter: WebGpuAdapter, options: MlBackendOptions): Promise<WebGpuCheck> {
  if (adapter.type === 'none') return { type: 'unavailable', reason: adapter.reason };
  const { net, x } = checkNetwork();
  if ((await setMlBackend('cpu', options)) !== 'cpu') return { type: 'unavailable', reason: 'the TF.js CPU backend did not start' };
  const onCpu = await predictDenseNet(net, x);
  if ((await setMlBackend('webgpu', options)) !== 'webgpu') {
    return { type: 'unavailable', reason: `TF.js could not start its WebGPU backend (${mlBackendFallbackReason() ?? 'unknown reason'})` };
  }
  const onGpu = await predictDenseNet(net, x);
  let mlpDifference = 0;
  for (let i = 0; i < onCpu.values.length; i++) {
    const d = Math.abs(onCpu.values[i]! - onGpu.values[i]!);
    // `!(d <= max)` also catches NaN.
    if (!(d <= mlpDifference)) mlpDifference = d;
  }
  const trees = await openTreeHistograms(adapter.description);
  if (trees.type === 'unavailable') return { type: 'unavailable', reason: trees.reason };
  const agreement = await checkHistogramAgreement(trees.histograms, AGREEMENT_TABLE);
  const histograms = { ...agreement, tolerance: HISTOGRAM_TOLERANCE };
  const mlp = { maxAbsoluteDifference: mlpDifference, tolerance: MLP_TOLERANCE, rows: MLP_ROWS };
  return {
    type: 'checked',
    adapter: adapter.description,
    fallback: adapter.fallback,
    histograms,
    mlp,
    pass: histograms.maxRelativeDifference <= histograms.tolerance && mlp.maxAbsoluteDifference <= mlp.tolerance,
  };
}

/** An untrained network with seeded weights and biases, and rows of the synthetic table (missing as 0). */
function checkNetwork(): { net: DenseNet; x: Matrix } {
  const rng = createRng(CHECK_SEED);
  const layout = weightLayout(MLP_WIDTHS);
  const layers = unpackLayers(initialWeights(layout, rng), layout);
  for (const layer of layers) for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = 0.1 * rng.normal();
  const x = fillMissing(generateBinary(MLP_ROWS, MLP_WIDTHS[0], CHECK_SEED).x);
  const training = { epochs: 0, bestEpoch: 0, stoppedBy: 'max-epochs', monitor: 'train', bestLoss: 0, trainLoss: [], validLoss: [] } as const;
  const net: DenseNet = { learner: 'mlp', task: 'multiclass', classCount: 3, cols: MLP_WIDTHS[0], layers, target: { mean: 0, std: 1 }, training };
  return { net, x };
}

/** TF.js's webgpu backend's device, when that backend has started. */
function tfjsDevice(): GPUDevice | undefined {
  const backend: unknown = tf.findBackend('webgpu');
  const device = typeof backend === 'object' && backend !== null && 'device' in backend ? backend.device : undefined;
  return isGpuDevice(device) ? device : undefined;
}

function isGpuDevice(value: unknown): value is GPUDevice {
  return typeof value === 'object' && value !== null && 'createBuffer' in value && 'queue' in value && 'createComputePipelineAsync' in value;
}
