/**
 * Run ids: the fingerprint of everything that decides a run's result, so the same inputs give the
 * same id on every device and a completed run is never recomputed (DESIGN.md §2 "run id").
 *
 * Plain TypeScript (Node, browser, workers); no storage.
 */
import { hashJson } from '../canonical-json';
import type { LearnerName, Params } from '../ml/types';

declare const RUN_ID: unique symbol;
/** SHA-256 hex of a run's fingerprint (see `runId`). */
export type RunId = string & { readonly [RUN_ID]: true };
const RUN_ID_PATTERN = /^[0-9a-f]{64}$/;
export const RunId = {
  is: (value: unknown): value is RunId => typeof value === 'string' && RUN_ID_PATTERN.test(value),
  parse(value: unknown): RunId {
    if (RunId.is(value)) return value;
    throw new TypeError(`Not a valid run id (SHA-256 hex): ${JSON.stringify(value)}`);
  },
};

/** What a run's result depends on. */
export interface RunFingerprint {
  /** The experiment the run belongs to (its id): runs of two experiments never share an id. */
  readonly experiment: string;
  /** Content hash of the dataset trained on. */
  readonly datasetHash: string;
  /**
   * Part of the fingerprint although DESIGN.md §2 lists only the other fields: gbdt and rf share
   * param names (`trees`, `leaves`…), so without it the same params under a changed learner would
   * read as already computed.
   */
  readonly learner: LearnerName;
  /** Learner params as the sweep gives them; their key order does not matter. */
  readonly params: Params;
  readonly seed: number;
  /** The app version (lib/version.ts APP_VERSION): a new version may train differently. */
  readonly codeVersion: string;
}

/**
 * SHA-256 hex of the canonical JSON of the fingerprint. Throws a CanonicalJsonError for a NaN or
 * an infinite number, which would otherwise hash like `null`.
 *
 * @example const id = await runId({ experiment, datasetHash, learner: 'gbdt', params: { trees: 100 }, seed: 1, codeVersion: APP_VERSION });
 */
export async function runId(input: RunFingerprint): Promise<RunId> {
  const { experiment, datasetHash, learner, params, seed, codeVersion } = input;
  // Rebuilt field by field so that extra properties of the caller's object never enter the hash.
  return RunId.parse(await hashJson({ experiment, datasetHash, learner, params, seed, codeVersion }));
}

/**
 * Ids for a sweep's expanded runs (lib/experiments/sweep.ts), in their order: the input of
 * `planSweep`.
 *
 * @example const runs = await withRunIds(expandSweep(spec, task), { experiment, datasetHash, learner: spec.learner, codeVersion: APP_VERSION });
 */
export async function withRunIds<R extends { readonly params: Params; readonly seed: number }>(
  runs: readonly R[],
  shared: Omit<RunFingerprint, 'params' | 'seed'>,
): Promise<(R & { readonly id: RunId })[]> {
  return Promise.all(runs.map(async (run) => ({ ...run, id: await runId({ ...shared, params: run.params, seed: run.seed }) })));
}
