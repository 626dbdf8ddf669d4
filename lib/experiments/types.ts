/**
 * Words that several files of lib/experiments share. Plain types and constants only.
 */
import type { Params } from '../ml/types';

/** A run's or a job's state (DESIGN.md §2 "job"); `pending` runs have no record yet. */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'canceled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One value a sweep gives a param. */
export type ParamValue = number | string | boolean;

/** One run of a sweep before it has an id: the swept params (not the learner's defaults) and a seed. */
export interface SweepRun {
  readonly params: Params;
  readonly seed: number;
}
