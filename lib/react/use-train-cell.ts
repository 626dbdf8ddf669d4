'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { ulid } from 'ulid';
import type { ColumnOverrides } from '../data/analyze';
import type { ParseOptions } from '../data/types';
import type { CellId } from '../ids';
import type { ExperimentConfig } from '../jobs/train-records';
import { runTrainJob, type TrainJob } from '../jobs/train-runner';
import { type ConfigSource, finishExperiment, HEARTBEAT_STALE_MS, markInterruptedIfStale, readExperiment, readTrials, recordProgress, startExperiment } from '../store/experiments';
import { writeCellConfig } from '../sync/project-doc';
import { checkSpace, StorageQuotaError, TRAINING_RESERVE_BYTES } from '../store/quota';
import { publishExperiment } from '../store/records-mirror';
import { toShownError, type ShownError } from './error-text';
import { useProject } from './project-context';
import { readTrainConcurrency } from './use-train-concurrency';
import { resolveTrialWorkers } from './use-trial-workers';
import { readUserName } from './use-user-name';
import { useWorkers } from './workers-context';

/** Jobs this tab runs, by experiment id: only their records get a heartbeat from here. */
const OWN_JOBS = new Map<string, TrainJob>();

export interface TrainStart {
  readonly sourceCellId: CellId;
  readonly datasetHash: string;
  readonly columnOverrides: ColumnOverrides;
  /** How the dataset was parsed at import (its stored delimiter and encoding), to parse it the same way. */
  readonly parseOptions: ParseOptions;
  readonly config: ExperimentConfig;
  /** The data cell's file name, for lists of experiments. */
  readonly datasetName?: string;
  /** Where each config value came from (built-in default, project, data cell, cell). */
  readonly configSources?: Readonly<Record<string, ConfigSource>>;
}

/**
 * A train cell's latest experiment, read live from Dexie (so every tab of the project sees the
 * same progress), and the actions that start and cancel one. A running experiment that no tab
 * keeps alive is stored as interrupted once its heartbeat is stale.
 */
export function useTrainCell(cellId: CellId, experimentId: string | undefined) {
  const { projectId, doc } = useProject();
  const workers = useWorkers();
  const [startError, setStartError] = useState<ShownError | null>(null);
  const experiment = useLiveQuery(async () => (experimentId ? ((await readExperiment(experimentId)) ?? null) : null), [experimentId]);
  const trials = useLiveQuery(async () => (experimentId ? readTrials(experimentId) : []), [experimentId]);

  // Interruption: a running record that this tab does not own is checked once its heartbeat is due.
  const runningElsewhere = experiment?.status === 'running' && experimentId !== undefined && !OWN_JOBS.has(experimentId);
  useEffect(() => {
    if (!runningElsewhere || !experimentId) return;
    const timer = setInterval(() => void markInterruptedIfStale(experimentId).then((marked) => (marked ? publishExperiment(doc, experimentId) : undefined)), HEARTBEAT_STALE_MS / 2);
    return () => clearInterval(timer);
  }, [runningElsewhere, experimentId, doc]);

  /** Starts the experiment; resolves with its job once under way, rejects (and shows why) when it cannot start. */
  const begin = useCallback(
    async (input: TrainStart): Promise<{ id: string; job: TrainJob }> => {
      setStartError(null);
      const id = ulid();
      try {
        // The columns travel as `columnOverrides`; the copy in the config is the experiment's record of them.
        const { backend, columns: _columns, ...automl } = input.config;
        // Refused before any work when the model could not be stored at the end.
        await checkSpace(TRAINING_RESERVE_BYTES, 'the model this training makes');
        await startExperiment({ id, projectId, cellId, datasetHash: input.datasetHash, ...(input.datasetName ? { datasetName: input.datasetName } : {}), startedBy: readUserName(), ...(input.configSources ? { configSources: input.configSources } : {}), config: input.config });
        writeCellConfig(doc, cellId, { experimentId: id });
        await publishExperiment(doc, id);
        const api = workers.train();
        await api.setConcurrency(readTrainConcurrency());
        const trialWorkers = resolveTrialWorkers();
        // Started before the run so that the search finds them; a failure leaves trials in the train worker.
        await workers.trialWorkers?.(trialWorkers).catch(() => undefined);
        const job = runTrainJob(
          { jobId: id, datasetHash: input.datasetHash, columnOverrides: input.columnOverrides, parseOptions: input.parseOptions, config: automl, backend, trialWorkers },
          {
            run: (request) => api.run(request),
            poll: (jobId, since) => api.poll(jobId, since),
            cancel: (jobId) => api.cancel(jobId),
            terminate: workers.terminateTrain,
            recordProgress: async (update) => {
              const started = performance.now();
              await recordProgress(id, update);
              // In the performance timeline: the cost of one poll's persist (read by bench/browser-training).
              performance.measure('loopbook:train-persist', { start: started, detail: { trials: update.newTrials.length } });
            },
            finish: async (end) => {
              try {
                if (end.status === 'completed') {
                  const { modelZip, trials: _all, ...rest } = end.outcome;
                  if (!modelZip) await finishExperiment(id, { status: 'failed', error: { name: 'TrainingError', message: 'The training ended without a model.' } });
                  else await finishExperiment(id, { status: 'completed', result: rest, modelZip: new Uint8Array(modelZip) });
                } else await finishExperiment(id, end);
              } catch (error) {
                // The model did not fit after all (the write was rolled back): the run ends failed, saying so.
                if (!(error instanceof StorageQuotaError)) throw error;
                await finishExperiment(id, { status: 'failed', error: { name: error.name, message: error.message } });
              }
              await publishExperiment(doc, id).catch(() => undefined);
            },
          },
        );
        OWN_JOBS.set(id, job);
        void job.done.finally(() => OWN_JOBS.delete(id));
        return { id, job };
      } catch (error) {
        setStartError(toShownError(error));
        throw error;
      }
    },
    [projectId, doc, cellId, workers],
  );

  const start = useCallback((input: TrainStart) => void begin(input).catch(() => undefined), [begin]);

  /** Trains to the end: resolves when the experiment completed, rejects with why it did not. */
  const runToEnd = useCallback(
    async (input: TrainStart): Promise<void> => {
      const { id, job } = await begin(input);
      await job.done;
      const end = await readExperiment(id);
      if (end?.status === 'completed') return;
      throw new Error(end?.error?.message ?? `The training ended ${end?.status ?? 'without a record'}.`);
    },
    [begin],
  );

  const cancel = useCallback(() => {
    if (experimentId) OWN_JOBS.get(experimentId)?.cancel();
  }, [experimentId]);

  return {
    experiment: experiment ?? undefined,
    trials: trials ?? [],
    start,
    runToEnd,
    cancel,
    canCancel: experimentId !== undefined && OWN_JOBS.has(experimentId),
    startError,
  };
}
