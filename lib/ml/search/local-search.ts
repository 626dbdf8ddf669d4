/**
 * Cost-aware local search around the best configuration so far, after FLAML's CFO: step from the
 * incumbent along a random direction in the normalized space of its learner's ranges, then the
 * opposite way; when neither helps for a while, halve the step. Neighbours are proposed cheapest
 * first. Deterministic under its seed: the proposals depend only on the scores reported back.
 */
import { createRng, type Rng } from '../rng';
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

  constructor(seed: number) {
    this.rng = createRng(seed);
  }

  /** Reports a finished trial; a better one becomes the point to search around. */
  report(candidate: Candidate, loss: number): void {
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
