/**
 * The search's trials spread over trial workers: each worker gets the search's data once, then
 * one trial at a time; the executor has as many slots as workers. Fitted models come back as files
 * and are loaded here, so the search, its ensemble and the refit use them like local ones.
 */
import { ulid } from 'ulid';
import type { OpenTrials } from '../ml/train';
import { learnerOf } from '../ml/learners';
import type { TrialData } from '../ml/search/trial';
import type { TrialSetup } from '../ml/search/executor';
import { FitCanceledError } from '../ml/types';
import type { TrialApi } from './trial-protocol';

/** A worker's side of the protocol as the pool calls it (a Comlink Remote<TrialApi> is one). */
export type TrialWorker = TrialApi;

/**
 * Opens the search on every worker (they copy the data) and returns its executor. Fails, closing
 * what it opened, if a worker cannot start; the caller then runs the trials itself.
 */
export async function openTrialPool(workers: readonly TrialWorker[], data: TrialData, setup: TrialSetup & { readonly backend: 'wasm' | 'cpu' }): Promise<OpenTrials> {
  const searchId = ulid();
  const { histograms: _gpu, ...wire } = data;
  const close = () => {
    for (const w of workers) void w.close(searchId).catch(() => undefined);
  };
  try {
    await Promise.all(workers.map((w) => w.open(searchId, wire, { metric: setup.metric, seed: setup.seed, backend: setup.backend })));
  } catch (error) {
    close();
    throw error;
  }
  const free = [...workers];
  let canceled = false;
  return {
    slots: workers.length,
    async run(candidate, limits) {
      const worker = free.shift();
      if (!worker) throw new Error('Every trial worker is busy: the search started more trials than it has slots.');
      try {
        const answer = await worker.run(searchId, candidate, {
          remainingMs: Math.max(0, limits.deadline - performance.now()),
          ...(limits.trialMs !== undefined ? { trialMs: limits.trialMs } : {}),
        });
        const learner = learnerOf(candidate.learner);
        const fitted = await Promise.all(answer.fitted.map((files) => learner.deserialize(files)));
        return { fitted, validation: answer.validation, score: answer.score, loss: answer.loss };
      } catch (error) {
        // Comlink carries an error's name and message only: a canceled fit comes back as a plain Error.
        if (canceled || (error instanceof Error && error.name === 'FitCanceledError')) throw new FitCanceledError();
        throw error;
      } finally {
        free.push(worker);
      }
    },
    cancel() {
      canceled = true;
      for (const w of workers) void w.cancel(searchId).catch(() => undefined);
    },
    close,
  };
}
