/// <reference lib="webworker" />
/**
 * Train worker: exposes lib/jobs/train-service over Comlink. No logic here; see that module.
 * The .wasm files of TF.js are served from /tfjs/ (copied into public/ by scripts/copy-tfjs-wasm.mjs).
 */
import { expose } from 'comlink';
import { createTrainService } from '@/lib/jobs/train-service';
import { readCalibration, saveCalibration } from '@/lib/store/calibrations';
import { readDatasetBlob } from '@/lib/store/datasets';

expose(createTrainService(readDatasetBlob, { wasmPaths: '/tfjs/', calibrations: { read: readCalibration, save: saveCalibration } }));
