/**
 * The experiments view's rows: what one experiment shows in a list, and the sort and filter over
 * thousands of them. Pure, so that the view, its benchmark and its tests share one definition.
 *
 * @example
 * const rows = filterRows(experiments.map((e) => toRow(e, Date.now())), { status: 'completed', text: 'penguins' });
 * const shown = sortRows(rows, { key: 'score', ascending: false });
 */
import { METRICS, METRIC_NAMES, type MetricName } from '../ml/metrics/registry';

/**
 * How many of the newest experiments a list reads first: a screenful and its overscan
 * (components/experiments/experiments-table.tsx draws 20), so that 10,000 show as fast as 50.
 */
export const FIRST_SCREEN_EXPERIMENTS = 50;

export const ROW_STATUSES = ['running', 'completed', 'failed', 'canceled', 'interrupted'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** What a list needs of an experiment (lib/store's Experiment has these fields). */
export interface ListedExperiment {
  readonly id: string;
  readonly number: number;
  readonly name: string;
  readonly status: RowStatus;
  readonly datasetHash: string;
  readonly datasetName?: string;
  readonly config: { readonly task: string; readonly label: string; readonly metric: string } | undefined;
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly startedBy?: string;
  readonly snapshot: { readonly bestLearner: string | null; readonly trials: number } | undefined;
  readonly heldOut?: { readonly metric: string; readonly score: number | null; readonly learners: string };
}

export interface ExperimentRow {
  readonly id: string;
  readonly number: number;
  readonly name: string;
  readonly status: RowStatus;
  readonly task: string;
  readonly label: string;
  /** The file name, or the start of the content hash when the name was not kept. */
  readonly dataset: string;
  /** The learners of the model ("mlp+rf"), else the best learner of the search so far. */
  readonly learner: string;
  readonly metric: MetricName | undefined;
  /** Held-out value of the metric; null until completed (or when it could not be scored). */
  readonly score: number | null;
  readonly trials: number;
  /** Ended − started, or so far for a running one. */
  readonly durationMs: number;
  readonly startedBy: string;
  readonly startedAt: number;
}

export function toRow(e: ListedExperiment, now: number): ExperimentRow {
  const metric = METRIC_NAMES.find((m) => m === (e.heldOut?.metric || e.config?.metric));
  return {
    id: e.id,
    number: e.number,
    name: e.name,
    status: e.status,
    task: e.config?.task ?? '',
    label: e.config?.label ?? '',
    dataset: e.datasetName ?? `${e.datasetHash.slice(0, 8)}…`,
    learner: e.heldOut?.learners || e.snapshot?.bestLearner || '',
    metric,
    score: e.heldOut?.score ?? null,
    trials: e.snapshot?.trials ?? 0,
    durationMs: Math.max(0, (e.endedAt ?? (e.status === 'running' ? now : e.startedAt)) - e.startedAt),
    startedBy: e.startedBy ?? '',
    startedAt: e.startedAt,
  };
}

export type SortKey = 'number' | 'status' | 'task' | 'dataset' | 'learner' | 'score' | 'durationMs' | 'startedBy' | 'startedAt';

export interface RowSort {
  readonly key: SortKey;
  readonly ascending: boolean;
}

/**
 * Sorted copy. Scores sort by quality, not by value, when rows share one metric direction: the
 * best first when descending ("best first" is what a user clicking Score wants), with unscored
 * rows always last. Ties keep experiment order.
 */
export function sortRows(rows: readonly ExperimentRow[], sort: RowSort): ExperimentRow[] {
  const sign = sort.ascending ? 1 : -1;
  const value = (r: ExperimentRow): number | string => {
    if (sort.key === 'score') return r.score === null || !r.metric ? NaN : METRICS[r.metric].higherIsBetter ? r.score : -r.score;
    return r[sort.key];
  };
  return rows
    .map((r) => ({ r, v: value(r) }))
    .sort((a, b) => {
      const missingA = typeof a.v === 'number' ? Number.isNaN(a.v) : a.v === '';
      const missingB = typeof b.v === 'number' ? Number.isNaN(b.v) : b.v === '';
      if (missingA !== missingB) return missingA ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c * sign || a.r.number - b.r.number;
    })
    .map((x) => x.r);
}

export interface RowFilter {
  /** Undefined: every status. */
  readonly status?: RowStatus;
  readonly task?: string;
  /** Words that must all appear in the name, dataset, label, learner or who started it (any case). */
  readonly text?: string;
}

export function filterRows(rows: readonly ExperimentRow[], filter: RowFilter): ExperimentRow[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.status && r.status !== filter.status) return false;
    if (filter.task && r.task !== filter.task) return false;
    if (words.length === 0) return true;
    const haystack = `${r.name} ${r.dataset} ${r.label} ${r.learner} ${r.startedBy} ${r.status}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
