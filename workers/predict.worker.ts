/// <reference lib="webworker" />
/**
 * Predict worker: exposes lib/jobs/predict-service over Comlink. No logic here; see that module.
 * Its own worker, so that predicting never waits behind a training in the train worker.
 */
import { expose } from 'comlink';
import { createPredictService } from '@/lib/jobs/predict-service';
import { readDatasetBlob } from '@/lib/store/datasets';

expose(createPredictService(readDatasetBlob, { wasmPaths: '/tfjs/' }));
