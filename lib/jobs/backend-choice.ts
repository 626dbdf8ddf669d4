/**
 * What 'auto' means, decided by measurement rather than assumed (DESIGN.md §5): this device's
 * calibration (calibration.ts), read from the store or measured once and kept, gives the neural
 * learners the backend that is faster at the batch they will train with, and the trees the node
 * size from which their histograms are faster on WebGPU. A software (fallback) adapter is not
 * measured and never wins (BROWSER.md: ~37× slower than WASM here).
 */
import { TEST_FRACTION, VALID_FRACTION } from '../ml/flags';
import type { HistogramDevice } from '../ml/gbdt/gpu/histogram-device';
import { batchFor, MLP_PARAMS } from '../ml/mlp';
import type { MlBackendOptions } from '../ml/backend';
import { calibrate } from './calibrate';
import { deviceKey, isCurrent, neuralBackendFor, treeGpuMinRows, type Calibration, type NeuralChoice } from './calibration';

export interface CalibrationStore {
  read(device: string): Promise<Calibration | undefined>;
  save(calibration: Calibration): Promise<void>;
}

/** A store that forgets with the worker (tests, and where no IndexedDB store is given). */
export function memoryCalibrations(): CalibrationStore {
  const kept = new Map<string, Calibration>();
  return {
    read: async (device) => kept.get(device),
    save: async (calibration) => void kept.set(calibration.device, calibration),
  };
}

export interface GpuAdapterInfo {
  readonly description: string;
  readonly fallback: boolean;
}

export interface AutoChoice {
  readonly neural: NeuralChoice;
  /** Tree nodes of at least this many rows build their histograms on WebGPU; Infinity: none. */
  readonly treeGpuMinRows: number;
}

/** This device's calibration: the stored one while current, else measured now and stored. */
export async function deviceCalibration(
  store: CalibrationStore,
  context: MlBackendOptions & { readonly adapter?: GpuAdapterInfo; readonly openHistograms?: () => Promise<HistogramDevice | undefined>; readonly cpuThreads: number },
): Promise<{ calibration: Calibration; measured: boolean }> {
  const device = deviceKey(context.adapter?.description, context.cpuThreads);
  // A store that cannot be read (a private window's IndexedDB) only costs a measurement.
  const stored = await store.read(device).catch(() => undefined);
  if (isCurrent(stored, device, Date.now())) return { calibration: stored, measured: false };
  const calibration = await calibrate(context);
  await store.save(calibration).catch(() => undefined);
  return { calibration, measured: true };
}

/**
 * The choice for a table of `rows` labelled rows: the MLP trains on about the training share of
 * its validation split, with the batch size it would pick for that many rows.
 */
export function chooseAutoBackend(calibration: Calibration, rows: number): AutoChoice {
  const trainRows = Math.max(1, Math.round(rows * (1 - TEST_FRACTION) * (1 - VALID_FRACTION)));
  return { neural: neuralBackendFor(calibration, batchFor(MLP_PARAMS.batchSize.default, trainRows)), treeGpuMinRows: treeGpuMinRows(calibration) };
}
