/**
 * Cost-aware local search around the best configuration so far, after FLAML's CFO: step from the
 * incumbent along a random direction in the normalized space of its learner's ranges, then the
 * opposite way; when neither helps for a while, halve the step. Neighbours are proposed cheapest
 * first. Deterministic under its seed: the proposals depend only on the scores reported back.
 */
import { createRng, deriveSeed, type Rng } from '../rng';
import type { LearnerName, Params } from '../types';
import { SEARCH_SPACES, type ParamRange } from './spaces';

export interface Candidate {
  readonly learner: LearnerName;
  readonly params: Params;
}

/** Below this step, the neighbourhood is exhausted: the search restarts from the next-best learner. */
const MIN_STEP = 0.02;
const START_STEP = 0.25;

export class LocalSearch {
  private readonly rng: Rng;
  private incumbent: { candidate: Candidate; loss: number } | undefined;
  private step = START_STEP;
  private failures = 0;
  private pending: Candidate[] = [];
  private readonly tried = new Set<string>();

  /** With `learner`, trials of other learners are ignored: this search stays in its learner's space. */
  constructor(
    seed: number,
    private readonly learner?: LearnerName,
  ) {
    this.rng = createRng(seed);
  }

  /** Reports a finished trial; a better one becomes the point to search around. */
  report(candidate: Candidate, loss: number): void {
    if (this.learner !== undefined && candidate.learner !== this.learner) return;
    this.tried.add(keyOf(candidate));
    if (!this.incumbent || loss < this.incumbent.loss) {
      const moved = this.incumbent !== undefined;
      this.incumbent = { candidate, loss };
      this.pending = [];
      if (moved) this.failures = 0;
    } else if (this.incumbent && candidate.learner === this.incumbent.candidate.learner) {
      this.failures++;
      const dims = SEARCH_SPACES[candidate.learner].ranges.length;
      // CFO halves the step after 2^(d-1) failed directions; capped so that wide spaces shrink too.
      if (this.failures >= Math.min(8, 2 ** Math.max(0, dims - 1))) {
        this.step /= 2;
        this.failures = 0;
      }
    }
  }

  /** The next configuration to try, or undefined when the neighbourhood is exhausted. */
  next(): Candidate | undefined {
    if (!this.incumbent || this.step < MIN_STEP) return undefined;
    for (let attempt = 0; attempt < 20 && this.pending.length === 0; attempt++) this.propose();
    return this.pending.shift();
  }

  private propose(): void {
    const { learner, params } = this.incumbent!.candidate;
    const space = SEARCH_SPACES[learner];
    const direction = space.ranges.map(() => this.rng.normal());
    const norm = Math.hypot(...direction) || 1;
    const pair = [1, -1]
      .map((sign) => ({ learner, params: move(params, space.ranges, direction, (sign * this.step) / norm) }))
      .filter((c) => !this.tried.has(keyOf(c)));
    pair.sort((a, b) => space.cost(a.params) - space.cost(b.params));
    for (const c of pair) this.tried.add(keyOf(c));
    this.pending.push(...pair);
  }
}

function move(params: Params, ranges: readonly ParamRange[], direction: readonly number[], scale: number): Params {
  const out: Record<string, number | string | boolean> = { ...params };
  ranges.forEach((range, k) => {
    const given = params[range.name];
    const current = typeof given === 'number' ? given : defaultPoint(range);
    const u = toUnit(range, current) + direction[k]! * scale;
    out[range.name] = fromUnit(range, Math.min(1, Math.max(0, u)));
  });
  return out;
}

function defaultPoint(range: ParamRange): number {
  return range.log ? Math.sqrt(range.low * range.high) : (range.low + range.high) / 2;
}

function toUnit(r: ParamRange, v: number): number {
  const clamped = Math.min(r.high, Math.max(r.low, v));
  return r.log ? Math.log(clamped / r.low) / Math.log(r.high / r.low) : (clamped - r.low) / (r.high - r.low);
}

function fromUnit(r: ParamRange, u: number): number {
  const v = r.log ? r.low * (r.high / r.low) ** u : r.low + u * (r.high - r.low);
  return r.integer ? Math.round(v) : Number(v.toPrecision(3));
}

export function keyOf(c: Candidate): string {
  return `${c.learner}:${JSON.stringify(Object.entries(c.params).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
}

/**
 * Local searches one after another: around the best trial first; when its neighbourhood is
 * exhausted, around the best trial of a learner not searched yet, then around the next-best
 * trials. So the budget is spent to its end, and the ensemble gets varied strong members.
 */
export class RestartingSearch {
  private current: LocalSearch | undefined;
  private readonly completed: { candidate: Candidate; loss: number }[] = [];
  private readonly centers = new Set<string>();
  private readonly searchedLearners = new Set<LearnerName>();

  constructor(private readonly seed: number) {}

  report(candidate: Candidate, loss: number): void {
    if (Number.isFinite(loss)) this.completed.push({ candidate, loss });
    this.current?.report(candidate, loss);
  }

  next(): Candidate | undefined {
    for (;;) {
      const proposal = this.current?.next();
      if (proposal) return proposal;
      const center = this.pickCenter();
      if (!center) return undefined;
      this.centers.add(keyOf(center.candidate));
      this.searchedLearners.add(center.candidate.learner);
      this.current = new LocalSearch(deriveSeed(this.seed, `around ${this.centers.size}`), center.candidate.learner);
      this.current.report(center.candidate, center.loss);
    }
  }

  private pickCenter(): { candidate: Candidate; loss: number } | undefined {
    const ranked = [...this.completed].sort((a, b) => a.loss - b.loss);
    const fresh = ranked.filter((t) => !this.centers.has(keyOf(t.candidate)) && SEARCH_SPACES[t.candidate.learner].ranges.length > 0);
    return fresh.find((t) => !this.searchedLearners.has(t.candidate.learner)) ?? fresh[0];
  }
}
