/**
 * Runs a sweep from the page: its spec expanded (in the train worker), each run fingerprinted,
 * the stored records consulted (lib/experiments planSweep: a completed run is never computed
 * again, a crashed one is), then each run to do goes through the train worker's job queue as a
 * fixed-config training that keeps only its held-out metrics. A `running` record is written before
 * a run starts (in the same transaction that ends the run before it) and kept alive by a
 * heartbeat, so a reload or a crash between runs loses nothing and repeats nothing. Dependencies are passed in so that tests can drive it.
 */
import { canonicalJson } from '../canonical-json';
import { withRunIds } from '../experiments/fingerprint';
import { planSweep, type RunRecordState } from '../experiments/resume';
import type { SweepSpec } from '../experiments/sweep-spec';
import type { SweepRun } from '../experiments/types';
import type { MetricName } from '../ml/metrics';
import type { Task } from '../ml/types';
import type { AutoMLConfig } from '../ml/train';
import type { SweepExpansion, TrainOutcome, TrainRequest } from './train-protocol';
import type { ColumnOverrides } from '../data/analyze';
import type { ParseOptions } from '../data/types';

export interface SweepInput {
  readonly projectId: string;
  readonly cellId: string;
  /** Checked again in the worker (expandSweep), since it may come from a peer's cell config. */
  readonly spec: SweepSpec;
  readonly label: string;
  readonly task: Task;
  readonly metric: MetricName;
  readonly datasetHash: string;
  readonly parseOptions: ParseOptions;
  readonly columnOverrides: ColumnOverrides;
  /** The app version: a new version may train differently, so its runs are new runs. */
  readonly codeVersion: string;
  readonly retryFailed: boolean;
  /** Runs at once through the job queue (the "trainings at once" setting). */
  readonly concurrency: number;
}

export interface SweepProgress {
  readonly total: number;
  /** Completed before this sweep started, and skipped. */
  readonly reused: number;
  readonly completed: number;
  readonly failed: number;
  /** Runs in progress now. */
  readonly running: number;
  /** Runs the sweep keeps in progress at once (its workers). */
  readonly concurrency: number;
  /** Milliseconds each finished run took beyond its training (record writes, queueing, messages). */
  readonly overheadMs: readonly number[];
}

export type SweepEnd = { readonly status: 'completed' | 'canceled'; readonly progress: SweepProgress } | { readonly status: 'invalid'; readonly message: string };

export interface SweepDeps {
  readonly expand: (spec: unknown, task: Task) => Promise<SweepExpansion>;
  readonly readRuns: (cellId: string) => Promise<readonly RunRecordState[]>;
  /**
   * Ends the run just finished (if any) and writes the next run's `running` record (if any), in
   * one transaction; resolves whether the next may start (false: completed, or running elsewhere).
   */
  readonly advance: (finished: { id: string; end: RunEnd } | undefined, next: NextRun | undefined) => Promise<boolean>;
  readonly heartbeat: (id: string) => Promise<void>;
  readonly train: (request: TrainRequest) => Promise<TrainOutcome>;
  readonly cancelTrain: (jobId: string) => Promise<void>;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** How old a `running` record's heartbeat may be before it counts as crashed. */
  readonly staleMs: number;
  readonly heartbeatMs?: number;
}

export type RunEnd = { readonly status: 'completed'; readonly score: number | null; readonly metrics: Readonly<Record<string, number>> } | { readonly status: 'failed' | 'canceled'; readonly error: { readonly name: string; readonly message: string } };

export interface NextRun {
  readonly id: string;
  readonly projectId: string;
  readonly cellId: string;
  readonly learner: string;
  readonly params: SweepRun['params'];
  readonly seed: number;
}

export interface SweepJob {
  readonly done: Promise<SweepEnd>;
  cancel(): void;
}

/** How often a running run's record says it is alive (well inside `staleMs`). */
export const RUN_HEARTBEAT_MS = 1000;

export function runSweep(input: SweepInput, deps: SweepDeps): SweepJob {
  let canceled = false;
  const inFlight = new Set<string>();
  const done = (async (): Promise<SweepEnd> => {
    const expansion = await deps.expand(input.spec, input.task);
    if (expansion.type === 'invalid') return { status: 'invalid', message: expansion.message };
    const experiment = canonicalJson({ cell: input.cellId, label: input.label, task: input.task, metric: input.metric });
    const runs = await withRunIds(expansion.runs, { experiment, datasetHash: input.datasetHash, learner: input.spec.learner, codeVersion: input.codeVersion });
    const plan = planSweep(runs, await deps.readRuns(input.cellId), Date.now(), { retryFailed: input.retryFailed, staleMs: deps.staleMs });
    const progress = { total: runs.length, reused: plan.skipped.completed.length, completed: 0, failed: 0, running: 0, concurrency: Math.max(1, input.concurrency), overheadMs: [] as number[] };
    const report = () => deps.onProgress?.({ ...progress, running: inFlight.size, overheadMs: [...progress.overheadMs] });
    report();
    const queue = [...plan.toRun];
    const worker = async () => {
      // A run's end is written with the next run's start, in one transaction (deps.advance).
      let finished: { id: string; end: RunEnd } | undefined;
      for (let run = queue.shift(); run && !canceled; run = queue.shift()) {
        const started = performance.now();
        const next = { id: run.id, projectId: input.projectId, cellId: input.cellId, learner: input.spec.learner, params: run.params, seed: run.seed };
        const advanced = await deps.advance(finished, next);
        finished = undefined;
        if (!advanced) continue;
        const jobId = `run-${run.id}`;
        // Reported when it ends: a report re-renders the page, and between runs that is overhead.
        inFlight.add(jobId);
        const beat = setInterval(() => void deps.heartbeat(run.id).catch(() => undefined), deps.heartbeatMs ?? RUN_HEARTBEAT_MS);
        try {
          const config: AutoMLConfig = {
            label: input.label,
            task: input.task,
            metric: input.metric,
            // A fixed configuration has no search: the budget only bounds the evaluation.
            timeBudgetS: 600,
            seed: run.seed,
            learners: [input.spec.learner],
            ensemble: false,
            fixed: { learner: input.spec.learner, params: run.params },
          };
          const outcome = await deps.train({ jobId, datasetHash: input.datasetHash, parseOptions: input.parseOptions, columnOverrides: input.columnOverrides, config, backend: 'auto', output: 'metrics' });
          const metrics = Object.fromEntries(Object.entries(outcome.evaluation.metrics).filter((e): e is [string, number] => typeof e[1] === 'number'));
          finished = { id: run.id, end: { status: 'completed', score: metrics[input.metric] ?? null, metrics } };
          progress.completed++;
          progress.overheadMs.push(Math.max(0, performance.now() - started - outcome.elapsedMs));
        } catch (e) {
          const name = e instanceof Error ? e.name : 'Error';
          const message = e instanceof Error ? e.message : String(e);
          const wasCanceled = canceled || name === 'FitCanceledError';
          finished = { id: run.id, end: wasCanceled ? { status: 'canceled', error: { name: 'FitCanceledError', message: 'The sweep was canceled.' } } : { status: 'failed', error: { name, message } } };
          if (!wasCanceled) progress.failed++;
        } finally {
          clearInterval(beat);
          inFlight.delete(jobId);
        }
        // With no run left to start, the end is written now; else with the next start.
        if (queue.length === 0 || canceled) {
          await deps.advance(finished, undefined);
          finished = undefined;
        }
        report();
      }
      if (finished) await deps.advance(finished, undefined);
    };
    await Promise.all(Array.from({ length: Math.max(1, input.concurrency) }, worker));
    return { status: canceled ? 'canceled' : 'completed', progress: { ...progress, running: 0 } };
  })();
  return {
    done,
    cancel() {
      canceled = true;
      for (const jobId of inFlight) void deps.cancelTrain(jobId).catch(() => undefined);
    },
  };
}
