'use client';
import { WorkersContext, type Workers } from '@/lib/react/workers-context';
import { ingestWorker } from '@/workers/ingest.client';
import { ensureTrialWorkers, sweepWorkers, terminateTrainWorker, trainWorker } from '@/workers/train.client';
import { TopBar } from '@/components/project/top-bar';
import { CalibrationPanel } from './calibration-panel';
import { SpeedPanel } from './speed-panel';
import { WebGpuCheckPanel } from './webgpu-check-panel';

const WORKERS: Workers = { ingest: ingestWorker, train: trainWorker, terminateTrain: terminateTrainWorker, trialWorkers: ensureTrialWorkers, sweepWorkers };

/** What this browser offers the engine, checked where training runs (the train worker). */
export function DiagnosticsScreen() {
  return (
    <WorkersContext.Provider value={WORKERS}>
      <TopBar />
      <main className="page stack" style={{ gap: 16 }}>
        <h1>Diagnostics</h1>
        <WebGpuCheckPanel />
        <CalibrationPanel />
        <SpeedPanel />
      </main>
    </WorkersContext.Provider>
  );
}
