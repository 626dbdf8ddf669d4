/**
 * Which runs of a sweep to start, given the run records already stored: the rule that makes a
 * sweep resumable after a crash or a reload (DESIGN.md §5) without repeating finished work.
 */
import type { RunStatus } from './types';

/** What planSweep needs of a stored run record. */
export interface RunRecordState {
  readonly id: string;
  readonly status: RunStatus;
  /** Last sign of life of a `running` record (epoch ms); absent reads as stale. */
  readonly heartbeatAt?: number;
}

export interface PlanOptions {
  /** Run failed runs again (a "retry failed" button); otherwise they are skipped. */
  readonly retryFailed: boolean;
  /** A `running` record whose heartbeat is older than this is a crashed run (lib/store uses 5 s). */
  readonly staleMs: number;
}

export interface SweepPlan<R> {
  /** In the sweep's order, each id once. */
  readonly toRun: R[];
  readonly skipped: {
    readonly completed: R[];
    readonly failed: R[];
    /** Runs another tab or device is running now (fresh heartbeat). */
    readonly running: R[];
  };
}

/**
 * Splits a sweep's runs into those to start and those to leave alone:
 * - completed: never recomputed (same id, same inputs);
 * - running with a fresh heartbeat: another tab's, skipped;
 * - running with a stale heartbeat, interrupted or canceled: run again (resuming a sweep is asking
 *   for it to finish);
 * - failed: run again only with `retryFailed`.
 * When several records share an id (a retry, a peer's copy) the most final one counts: completed,
 * then fresh running, then failed. A run listed twice is planned once.
 *
 * @example const { toRun } = planSweep(await withRunIds(runs, shared), await readRuns(experimentId), Date.now(), { retryFailed: false, staleMs: 5000 });
 */
export function planSweep<R extends { readonly id: string }>(
  runs: readonly R[],
  existing: readonly RunRecordState[],
  now: number,
  options: PlanOptions,
): SweepPlan<R> {
  const state = new Map<string, Standing>();
  for (const record of existing) {
    const standing = standingOf(record, now, options.staleMs);
    const before = state.get(record.id);
    if (before === undefined || RANK[standing] > RANK[before]) state.set(record.id, standing);
  }
  const plan: SweepPlan<R> = { toRun: [], skipped: { completed: [], failed: [], running: [] } };
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    const standing = state.get(run.id) ?? 'redo';
    if (standing === 'completed') plan.skipped.completed.push(run);
    else if (standing === 'running') plan.skipped.running.push(run);
    else if (standing === 'failed' && !options.retryFailed) plan.skipped.failed.push(run);
    else plan.toRun.push(run);
  }
  return plan;
}

/** What a record means for planning; `redo`: nothing worth keeping (crashed, interrupted, canceled). */
type Standing = 'completed' | 'running' | 'failed' | 'redo';
const RANK: Readonly<Record<Standing, number>> = { completed: 3, running: 2, failed: 1, redo: 0 };

function standingOf(record: RunRecordState, now: number, staleMs: number): Standing {
  switch (record.status) {
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'running':
      // Same rule as lib/store's reading of a stale record as interrupted: age above staleMs.
      return record.heartbeatAt !== undefined && now - record.heartbeatAt <= staleMs ? 'running' : 'redo';
    case 'interrupted':
    case 'canceled':
      return 'redo';
  }
}
