/**
 * The train worker's progress, written by the trainer and read by the page's poll (DESIGN.md §5).
 *
 * Writes are synchronous, do no I/O and allocate nothing on the hot path (`update` copies fields
 * into one mutable object): the trainer never waits on the page. Every write takes the next
 * sequence number; `drain(since)` returns the latest snapshot and the records appended after
 * `since`. Records at or before a `since` the poller passed are dropped: it has them, and a long
 * run then holds only what was not polled yet.
 *
 * Plain TypeScript: no DOM, no worker APIs, so tests use it directly.
 *
 * @example
 * const bridge = new ProgressBridge(initialSnapshot(10_000));
 * bridge.update({ phase: 'search', trials: 1, bestScore: 0.4, bestLearner: 'gbdt' }, 1200);
 * const { seq, newTrials } = bridge.drain(0); // later: bridge.drain(seq)
 */
import type { TrialRecord } from '../ml/search/run';
import type { TrainPoll, TrainSnapshot } from './train-protocol';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the trainer may change in the snapshot; status and error are set by `finish`. */
export type SnapshotPatch = Partial<Omit<TrainSnapshot, 'status' | 'error' | 'budgetMs'>>;

/**
 * Records kept while nobody polls. A search runs tens to a few thousand trials, and best points
 * grow only when the best changes, so this is only reached by a run that is never polled; the
 * oldest go then (the outcome still holds every trial).
 */
export const MAX_UNPOLLED_RECORDS = 10_000;

export function initialSnapshot(budgetMs: number): TrainSnapshot {
  return { status: 'running', phase: 'loading', elapsedMs: 0, budgetMs, trials: 0, bestScore: null, bestLearner: null, fitting: null };
}

/** An append-only list whose items remember the sequence number they were appended at. */
class SeqList<T> {
  private items: T[] = [];
  private seqs: number[] = [];

  push(item: T, seq: number): void {
    this.items.push(item);
    this.seqs.push(seq);
    if (this.items.length > MAX_UNPOLLED_RECORDS) this.dropThrough(this.seqs[this.items.length - MAX_UNPOLLED_RECORDS - 1]!);
  }

  /** Items appended after `since`, oldest first. */
  after(since: number): T[] {
    // Appends are in seq order, so the new ones are a suffix: walk back from the end.
    let start = this.seqs.length;
    while (start > 0 && this.seqs[start - 1]! > since) start--;
    return this.items.slice(start);
  }

  dropThrough(seq: number): void {
    let n = 0;
    while (n < this.seqs.length && this.seqs[n]! <= seq) n++;
    if (n === 0) return;
    this.items.splice(0, n);
    this.seqs.splice(0, n);
  }

  get length(): number {
    return this.items.length;
  }
}

export class ProgressBridge {
  private seq = 0;
  private readonly state: Mutable<TrainSnapshot>;
  private readonly trials = new SeqList<TrialRecord>();
  private readonly best = new SeqList<readonly [number, number]>();

  constructor(initial: TrainSnapshot) {
    this.state = { ...initial };
  }

  /**
   * Changes the snapshot. A bestScore different from the last one also appends a best point at
   * `elapsedMs` (when given), so the curve has a point exactly where the best changed.
   */
  update(patch: SnapshotPatch): void {
    const state = this.state;
    if (patch.phase !== undefined) state.phase = patch.phase;
    if (patch.elapsedMs !== undefined) state.elapsedMs = patch.elapsedMs;
    if (patch.trials !== undefined) state.trials = patch.trials;
    if (patch.bestLearner !== undefined) state.bestLearner = patch.bestLearner;
    if (patch.fitting !== undefined) state.fitting = patch.fitting;
    if (patch.running !== undefined) state.running = patch.running;
    if (patch.bestScore !== undefined && patch.bestScore !== state.bestScore) {
      state.bestScore = patch.bestScore;
      if (patch.bestScore !== null && Number.isFinite(patch.bestScore)) {
        this.best.push([state.elapsedMs, patch.bestScore], ++this.seq);
      }
    }
    this.seq++;
  }

  addTrial(trial: TrialRecord): void {
    this.trials.push(trial, ++this.seq);
  }

  /** Ends the job: no update after this changes the status back. */
  finish(status: Exclude<TrainSnapshot['status'], 'running'>, error?: { readonly name: string; readonly message: string }): void {
    this.state.status = status;
    this.state.fitting = null;
    this.state.running = 0;
    if (error) this.state.error = { name: error.name, message: error.message };
    this.seq++;
  }

  get status(): TrainSnapshot['status'] {
    return this.state.status;
  }

  get phase(): TrainSnapshot['phase'] {
    return this.state.phase;
  }

  /** The latest sequence number (0 before any write). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Records not yet dropped; for tests of the memory bound. */
  get heldRecords(): number {
    return this.trials.length + this.best.length;
  }

  /**
   * What is new since `since`, with the seq to pass next time. Passing `since` says the caller
   * has everything up to it, so those records are dropped; a `since` from the future (a poller
   * confused after a restart) is treated as 0 rather than silently hiding records.
   */
  drain(since: number): TrainPoll {
    const from = since > this.seq || since < 0 || !Number.isFinite(since) ? 0 : since;
    if (from > 0) {
      this.trials.dropThrough(from);
      this.best.dropThrough(from);
    }
    return { seq: this.seq, snapshot: { ...this.state }, newTrials: this.trials.after(from), newBest: this.best.after(from) };
  }
}
