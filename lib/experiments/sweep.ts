/**
 * Expands a sweep spec into its runs, checking every value against the learner.
 *
 * Imports the learners registry (and so TensorFlow.js): for counting and describing a spec on the
 * main thread, use sweep-spec.ts alone.
 */
import { learnerOf } from '../ml/learners';
import { createRng, type Rng } from '../ml/rng';
import type { Learner, Params, Task } from '../ml/types';
import { MAX_SWEEP_RUNS, SweepSpecError, choiceSize, countRuns, distinctValues, isRange, type SweepRange, type SweepSpec } from './sweep-spec';
import type { ParamValue, SweepRun } from './types';

/** Continuous draws keep this many significant digits: readable in a leaderboard, still dense. */
const DRAW_DIGITS = 6;
/** Draws per wanted sample before random mode gives up finding new distinct combinations. */
const DRAWS_PER_SAMPLE = 100;

/**
 * The runs of a spec in a fixed order: param combinations (grid: sorted param names, the first
 * varying slowest; random: as drawn from `randomSeed`), each followed by its seeds, so a group's
 * statistics are complete early. No two runs are equal. Values are normalized by the learner
 * ("100" → 100). Throws a SweepSpecError naming the param for an unknown param, a value of the
 * wrong type or out of the learner's range, or a spec above MAX_SWEEP_RUNS.
 *
 * @example const runs = expandSweep(parseSweepSpec(config), 'binary');
 */
export function expandSweep(spec: SweepSpec, task: Task): SweepRun[] {
  const total = countRuns(spec);
  if (total > MAX_SWEEP_RUNS) {
    throw new SweepSpecError(`This sweep asks for ${total.toLocaleString('en')} runs; at most ${MAX_SWEEP_RUNS.toLocaleString('en')} can run. Use fewer values or random mode.`);
  }
  const learner = learnerOf(spec.learner);
  const names = Object.keys(spec.params).sort();
  // Each value alone first: a bad one is reported by name before any product is built.
  const choices = names.map((name) => normalizeChoice(learner, task, name, spec.params[name] ?? []));
  const combos = spec.mode === 'grid' ? product(names, choices.map(listOf)) : draw(names, choices, spec.samples ?? 0, createRng(spec.randomSeed ?? 0));
  const seeds = distinctValues(spec.seeds);
  return combos.flatMap((params) => {
    check(learner, task, params, spec);
    return seeds.map((seed) => ({ params, seed }));
  });
}

type Choice = readonly ParamValue[] | SweepRange;

function normalizeChoice(learner: Learner<Params>, task: Task, name: string, choice: Choice): Choice {
  if (isRange(choice)) {
    // A range is checked at its ends (the learners' ranges are intervals); draws are checked again.
    const ends = choice.integer ? [Math.ceil(choice.min), Math.floor(choice.max)] : [choice.min, choice.max];
    for (const end of ends) parseOne(learner, task, name, end);
    return choice;
  }
  return distinctValues(choice.map((value) => parseOne(learner, task, name, value)));
}

function parseOne(learner: Learner<Params>, task: Task, name: string, value: ParamValue): ParamValue {
  try {
    const parsed = learner.parseParams({ [name]: value }, task)[name];
    return parsed ?? value;
  } catch (error) {
    throw new SweepSpecError(messageOf(error), name);
  }
}

function check(learner: Learner<Params>, task: Task, params: Params, spec: SweepSpec): void {
  try {
    learner.parseParams(params, task);
  } catch (error) {
    // Name the param at fault when one alone is; a drawn non-integer gets the fix with it.
    const name = Object.keys(params).find((n) => !accepts(learner, task, n, params[n]));
    const choice = name === undefined ? undefined : spec.params[name];
    const hint =
      name !== undefined && choice !== undefined && isRange(choice) && !choice.integer && !Number.isInteger(params[name])
        ? ` Add "integer": true to the range of "${name}".`
        : ` In combination ${JSON.stringify(params)}.`;
    throw new SweepSpecError(`${messageOf(error)}${hint}`, name);
  }
}

function accepts(learner: Learner<Params>, task: Task, name: string, value: ParamValue | undefined): boolean {
  try {
    learner.parseParams({ [name]: value }, task);
    return true;
  } catch {
    return false;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function listOf(choice: Choice): readonly ParamValue[] {
  if (!isRange(choice)) return choice;
  // Only finite ranges are enumerated (random mode when the space is small); see draw().
  if (!choice.integer) return [choice.min];
  const values: number[] = [];
  for (let v = Math.ceil(choice.min); v <= Math.floor(choice.max); v++) values.push(v);
  return values;
}

/** Cartesian product, first name slowest (like itertools.product). */
function product(names: readonly string[], lists: readonly (readonly ParamValue[])[]): Params[] {
  let combos: Record<string, ParamValue>[] = [{}];
  names.forEach((name, i) => {
    combos = combos.flatMap((combo) => (lists[i] ?? []).map((value) => ({ ...combo, [name]: value })));
  });
  return combos;
}

function draw(names: readonly string[], choices: readonly Choice[], samples: number, rng: Rng): Params[] {
  const space = choices.reduce((n, c) => n * choiceSize(c), 1);
  // A space no bigger than the samples is taken whole: drawing would only find it by chance.
  if (space <= samples) return product(names, choices.map(listOf));
  const seen = new Set<string>();
  const combos: Params[] = [];
  for (let attempt = 0; combos.length < samples && attempt < samples * DRAWS_PER_SAMPLE; attempt++) {
    const combo: Record<string, ParamValue> = {};
    names.forEach((name, i) => {
      const choice = choices[i];
      if (choice) combo[name] = drawValue(choice, rng);
    });
    const key = JSON.stringify(names.map((n) => combo[n]));
    if (!seen.has(key)) {
      seen.add(key);
      combos.push(combo);
    }
  }
  return combos;
}

function drawValue(choice: Choice, rng: Rng): ParamValue {
  if (!isRange(choice)) return choice[rng.int(choice.length)] ?? choice[0] ?? 0;
  const { min, max, log, integer } = choice;
  if (integer && !log) return Math.ceil(min) + rng.int(Math.floor(max) - Math.ceil(min) + 1);
  const lo = integer ? Math.ceil(min) : min;
  // Integers in log space draw from [lo, hi + 1) and floor, so every integer has its share.
  const hi = integer ? Math.floor(max) + 1 : max;
  const u = rng.next();
  const x = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
  if (integer) return Math.min(Math.floor(x), Math.floor(max));
  return Math.min(max, Math.max(min, Number(x.toPrecision(DRAW_DIGITS))));
}
