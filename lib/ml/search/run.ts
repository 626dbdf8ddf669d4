/**
 * The AutoML search: the portfolio first (round-robin over learners, each learner's cheapest
 * known-good configuration before its others), then local search around the best, restarted
 * around other strong trials when a neighbourhood is exhausted, until the deadline or the trial limit. Every trial is recorded. The result's members are the best trial's
 * fitted models (one per fold), or a greedy ensemble of the best trials when that scores better.
 */
import { learnerOf } from '../learners';
import { fromLoss, type MetricName } from '../metrics';
import type { ModelMember } from '../model';
import { FitCanceledError, type LearnerName, type Params, type Task } from '../types';
import { selectEnsemble } from './ensemble';
import { RestartingSearch, keyOf, type Candidate } from './local-search';
import { PORTFOLIO_ORDER, SEARCH_SPACES } from './spaces';
import { localExecutor, type TrialExecutor } from './executor';
import { FoldCache, type TrialData, type TrialOutcome } from './trial';

export interface TrialRecord {
  /** 1-based, in the order trials ran. */
  readonly index: number;
  readonly learner: LearnerName;
  readonly params: Params;
  /** Validation score on the search's metric; null when the trial failed or could not be scored. */
  readonly score: number | null;
  readonly fitMs: number;
  /** `cut`: the time budget ended the fit early, so it is not comparable with the others. */
  readonly status: 'completed' | 'cut' | 'failed';
  readonly error?: string;
}

export interface SearchProgress {
  readonly elapsedMs: number;
  readonly trials: number;
  readonly bestScore: number | null;
  readonly bestLearner: LearnerName | null;
  /** The learner being fitted now (the latest started when several run), if any. */
  readonly fitting: LearnerName | null;
  /** Trials in flight now: more than one when they run on several workers. */
  readonly running: number;
}

export interface SearchOptions {
  readonly metric: MetricName;
  readonly learners: readonly LearnerName[];
  readonly seed: number;
  /** `performance.now()` time by which the search stops starting and fitting trials. */
  readonly deadline: number;
  readonly maxTrials?: number;
  readonly ensemble: boolean;
  readonly isCanceled?: () => boolean;
  readonly onTrial?: (trial: TrialRecord) => void;
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Where trials run when several may run at once (workers); absent, or with maxTrials: here, one at a time. */
  readonly executor?: TrialExecutor;
}

/** A trial chosen for the final model, with its fitted models (one per fold). */
export interface ChosenTrial {
  readonly record: TrialRecord;
  readonly weight: number;
  readonly fitted: readonly unknown[];
}

export interface SearchResult {
  readonly trials: readonly TrialRecord[];
  readonly chosen: readonly ChosenTrial[];
  /** The chosen trials' fold models as weighted members: a bagged model, ready to predict. */
  readonly members: readonly ModelMember[];
  /** Validation score of the chosen members (the ensemble's when one was chosen). */
  readonly validScore: number;
  /** Trial index → weight, when an ensemble of several trials was chosen. */
  readonly ensemble?: Readonly<Record<number, number>>;
}

/** Fitted trials kept for the ensemble and the final model (and each learner's best); the rest are freed as they fall behind. */
const POOL_SIZE = 8;

/**
 * Longest stretch of trials without a macrotask. Fits yield only when one fit runs long, so many
 * short trials in a row would starve the worker's message queue: the page's progress polls and its
 * cancel would wait for the whole search. A yield costs ~1–4 ms, so at most every 50 ms.
 */
const SEARCH_YIELD_MS = 50;

/**
 * Most of the search's time one trial may take (its folds share it; a fit past its share stops
 * with what it has). A configuration that would need more (an MLP on a few thousand rows, five
 * folds) otherwise takes the budget from every other learner.
 */
const TRIAL_SHARE = 0.15;

/** How often a search waiting on trials elsewhere looks at its cancel flag. */
const CANCEL_CHECK_MS = 100;

/** How long past the deadline a search waits for trials elsewhere before it gives them up. */
const ABANDON_AFTER_MS = 5000;

interface Pooled {
  readonly record: TrialRecord;
  readonly outcome: TrialOutcome;
  readonly candidate: Candidate;
}

export async function runSearch(data: TrialData, options: SearchOptions): Promise<SearchResult> {
  const started = performance.now();
  const cache = new FoldCache(data);
  // A run bounded by trials is for reproducing a leaderboard: its trials run one after another, in
  // one order, so the local search sees the same results at the same points.
  const executor = options.maxTrials === undefined && options.executor ? options.executor : localExecutor(data, cache, options, options.isCanceled);
  const local = new RestartingSearch(options.seed);
  const queue = portfolio(options.learners, data.task);
  const trials: TrialRecord[] = [];
  const pool: Pooled[] = [];
  const seen = new Set<string>();
  const inFlight = new Map<Promise<void>, LearnerName>();
  let canceled = false;
  const progress = () => {
    const best = pool[0];
    options.onProgress?.({
      elapsedMs: performance.now() - started,
      trials: trials.length,
      bestScore: best?.record.score ?? null,
      bestLearner: best?.record.learner ?? null,
      fitting: [...inFlight.values()].at(-1) ?? null,
      running: inFlight.size,
    });
  };
  // A run bounded by trials is not cut by a trial's time share either.
  const trialMs = options.maxTrials === undefined ? TRIAL_SHARE * Math.max(0, options.deadline - started) : undefined;
  const launch = (candidate: Candidate) => {
    const fitStart = performance.now();
    const settle = (outcome: TrialOutcome | undefined, error: string | undefined) => {
      inFlight.delete(running);
      // A trial that ends after a cancel (or once given up) is not recorded; its models are freed.
      if (canceled) {
        if (outcome) disposeOutcome(candidate, outcome);
        return;
      }
      const end = performance.now();
      const status = error !== undefined ? 'failed' : end >= options.deadline ? 'cut' : 'completed';
      const score = outcome && Number.isFinite(outcome.score) ? outcome.score : null;
      const record: TrialRecord = { index: trials.length + 1, learner: candidate.learner, params: candidate.params, score, fitMs: Math.round(end - fitStart), status, ...(error ? { error } : {}) };
      trials.push(record);
      options.onTrial?.(record);
      if (outcome) {
        if (status === 'completed') local.report(candidate, outcome.loss);
        addToPool(pool, { record, outcome, candidate });
      }
      progress();
    };
    const running: Promise<void> = executor.run(candidate, { deadline: options.deadline, trialMs }).then(
      (outcome) => settle(outcome, undefined),
      (e: unknown) => {
        if (e instanceof FitCanceledError || canceled || options.isCanceled?.()) {
          inFlight.delete(running);
          return;
        }
        settle(undefined, e instanceof Error ? e.message : String(e));
      },
    );
    inFlight.set(running, candidate.learner);
    progress();
  };
  let lastYield = performance.now();
  try {
    for (;;) {
      if (performance.now() - lastYield > SEARCH_YIELD_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      if (options.isCanceled?.()) throw new FitCanceledError();
      const open = performance.now() < options.deadline && trials.length + inFlight.size < (options.maxTrials ?? Infinity);
      const candidate = open && inFlight.size < executor.slots ? nextCandidate(queue, local, seen) : undefined;
      if (candidate) {
        seen.add(keyOf(candidate));
        launch(candidate);
        // One trial at a time here: wait for it, as a plain loop would.
        if (executor.slots === 1) await [...inFlight.keys()][0];
        continue;
      }
      if (inFlight.size === 0) break;
      // Trials elsewhere end by the deadline; one that has not answered long after it (a worker that
      // crashed never answers) is given up, so the search still ends with what it has.
      if (performance.now() > options.deadline + ABANDON_AFTER_MS) {
        canceled = true;
        executor.cancel?.();
        break;
      }
      // Wait for a trial to end (its slot then takes the next candidate), looking at the cancel flag now and then.
      await Promise.race([...inFlight.keys(), new Promise<void>((resolve) => setTimeout(resolve, CANCEL_CHECK_MS))]);
      lastYield = performance.now();
    }
  } catch (e) {
    canceled = true;
    executor.cancel?.();
    throw e;
  }
  return finish(data, options, trials, pool);
}

/** The portfolio interleaved across learners: every learner's first point, then every second… */
function portfolio(learners: readonly LearnerName[], task: Task): Candidate[] {
  const chosen = PORTFOLIO_ORDER.filter((l) => learners.includes(l));
  const points = new Map(chosen.map((l) => [l, SEARCH_SPACES[l].portfolio(task)]));
  const depth = Math.max(...[...points.values()].map((p) => p.length));
  const out: Candidate[] = [];
  for (let k = 0; k < depth; k++) {
    for (const learner of chosen) {
      const params = points.get(learner)?.[k];
      if (params) out.push({ learner, params });
    }
  }
  return out;
}

function nextCandidate(queue: Candidate[], local: RestartingSearch, seen: Set<string>): Candidate | undefined {
  for (;;) {
    const c = queue.shift() ?? local.next();
    if (!c) return undefined;
    if (!seen.has(keyOf(c))) return c;
  }
}

/** Completed trials rank above cut ones; within each, by validation loss. */
function addToPool(pool: Pooled[], entry: Pooled): void {
  pool.push(entry);
  pool.sort((a, b) => rank(a) - rank(b) || a.outcome.loss - b.outcome.loss || a.record.index - b.record.index);
  // Each learner's best stays too: a weaker but different model often improves an ensemble more
  // than a near-copy of the leader.
  const leaders = new Set<LearnerName>();
  const kept = pool.filter((p, i) => {
    const first = !leaders.has(p.candidate.learner);
    leaders.add(p.candidate.learner);
    if (i < POOL_SIZE || first) return true;
    disposeFitted(p);
    return false;
  });
  pool.splice(0, pool.length, ...kept);
}

function rank(p: Pooled): number {
  return p.record.status === 'completed' ? 0 : 1;
}

function disposeFitted(p: Pooled): void {
  disposeOutcome(p.candidate, p.outcome);
}

function disposeOutcome(candidate: Candidate, outcome: TrialOutcome): void {
  const learner = learnerOf(candidate.learner);
  for (const m of outcome.fitted) learner.dispose?.(m);
}

function membersOf(p: Pooled, weight: number): ModelMember[] {
  const share = weight / p.outcome.fitted.length;
  return p.outcome.fitted.map((fitted) => ({ learner: p.candidate.learner, params: p.candidate.params, weight: share, fitted }));
}

function finish(data: TrialData, options: SearchOptions, trials: TrialRecord[], pool: Pooled[]): SearchResult {
  const best = pool[0];
  if (!best) {
    const failure = trials.find((t) => t.error)?.error;
    throw new Error(
      failure
        ? `No model could be trained: ${failure}`
        : 'The time budget ended before any model was trained. Give the search more time (for example --time 120).',
    );
  }
  const eligible = pool.filter((p) => rank(p) === rank(best));
  if (options.ensemble && eligible.length > 1) {
    const choice = selectEnsemble(eligible.map((p) => p.outcome.validation), data.folds.yValid, options.metric);
    if (choice.weights.size > 1 && choice.loss < best.outcome.loss) {
      const total = [...choice.weights.values()].reduce((a, b) => a + b, 0);
      const used = [...choice.weights].map(([k, n]) => ({ p: eligible[k]!, weight: n / total }));
      for (const p of pool) if (!used.some((u) => u.p === p)) disposeFitted(p);
      const validScore = fromLoss(options.metric, choice.loss);
      return {
        trials,
        chosen: used.map((u) => ({ record: u.p.record, weight: u.weight, fitted: u.p.outcome.fitted })),
        members: used.flatMap((u) => membersOf(u.p, u.weight)),
        validScore,
        ensemble: Object.fromEntries(used.map((u) => [u.p.record.index, u.weight])),
      };
    }
  }
  for (const p of pool.slice(1)) disposeFitted(p);
  return { trials, chosen: [{ record: best.record, weight: 1, fitted: best.outcome.fitted }], members: membersOf(best, 1), validScore: best.outcome.score };
}
