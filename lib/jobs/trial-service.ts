/**
 * A trial worker's logic, kept out of the worker file so that tests can call it directly: it
 * keeps each open search's data and encoded folds, and fits the trials it is sent, returning the
 * fitted models as files (the worker's tensors are freed before it answers).
 */
import { setMlBackend } from '../ml/backend';
import { learnerOf } from '../ml/learners';
import { runTrial, FoldCache } from '../ml/search/trial';
import type { TrialApi, TrialWireData, TrialWireSetup } from './trial-protocol';

interface OpenSearch {
  readonly data: TrialWireData;
  readonly cache: FoldCache;
  readonly setup: TrialWireSetup;
  canceled: boolean;
}

/**
 * @example
 * const service = createTrialService({ wasmPaths: '/tfjs/' });
 * await service.open('s1', data, { metric: 'accuracy', seed: 42, backend: 'wasm' });
 * const { fitted, score } = await service.run('s1', { learner: 'gbdt', params: {} }, { remainingMs: 5000 });
 */
export function createTrialService(options: { readonly wasmPaths?: string } = {}): TrialApi {
  const searches = new Map<string, OpenSearch>();
  const wasmOptions = options.wasmPaths ? { wasmPaths: options.wasmPaths } : {};

  function search(searchId: string): OpenSearch {
    const open = searches.get(searchId);
    if (!open) throw new Error(`This trial worker has no search ${searchId}: it was closed or never opened.`);
    return open;
  }

  return {
    async open(searchId, data, setup) {
      const backend = await setMlBackend(setup.backend, wasmOptions);
      searches.set(searchId, { data, cache: new FoldCache(data), setup, canceled: false });
      return backend;
    },
    async run(searchId, candidate, limits) {
      const s = search(searchId);
      const outcome = await runTrial(candidate, s.data, s.cache, s.setup.metric, {
        seed: s.setup.seed,
        deadline: performance.now() + limits.remainingMs,
        trialMs: limits.trialMs,
        isCanceled: () => s.canceled,
      });
      const learner = learnerOf(candidate.learner);
      try {
        const fitted = await Promise.all(outcome.fitted.map((m) => learner.serialize(m)));
        return { fitted, validation: outcome.validation, score: outcome.score, loss: outcome.loss };
      } finally {
        for (const m of outcome.fitted) learner.dispose?.(m);
      }
    },
    async cancel(searchId) {
      const s = searches.get(searchId);
      if (s) s.canceled = true;
    },
    async close(searchId) {
      searches.delete(searchId);
    },
  };
}
