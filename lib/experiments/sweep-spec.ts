/**
 * A sweep's spec as a sweep cell's config holds it (possibly written by a peer), its validation,
 * and what the UI asks of it before expanding: how many runs, which params vary.
 *
 * Kept apart from sweep.ts on purpose: this file does not import the learners (and with them
 * TensorFlow.js), so the main thread can count and describe a sweep cheaply.
 */
import { z } from 'zod';
import { LEARNER_NAMES, type LearnerName } from '../ml/types';
import type { ParamValue } from './types';

/** Above this many runs the UI asks for confirmation before expanding (minutes to hours of work). */
export const CONFIRM_RUNS_ABOVE = 10_000;
/** expandSweep refuses more than this: a peer's spec of 10¹² combinations would hang the tab. */
export const MAX_SWEEP_RUNS = 1_000_000;

/** A range to draw from (random mode only). `log`: log-uniform, needs min > 0. */
export interface SweepRange {
  readonly min: number;
  readonly max: number;
  readonly log?: boolean;
  readonly integer?: boolean;
}

/** A non-empty list of values (grid and random), or a range (random only). */
export type SweepChoice = readonly ParamValue[] | SweepRange;

export interface SweepSpec {
  readonly learner: LearnerName;
  readonly mode: 'grid' | 'random';
  readonly params: Readonly<Record<string, SweepChoice>>;
  /** Each combination of params runs once per seed. Whole numbers, at least one. */
  readonly seeds: readonly number[];
  /** Random mode: how many param combinations to draw. */
  readonly samples?: number;
  /** Random mode: seeds the draws, so the same spec expands to the same runs (default 0). */
  readonly randomSeed?: number;
}

/** A spec the sweep cannot run; `param` names the param at fault, when one is. */
export class SweepSpecError extends Error {
  override name = 'SweepSpecError';
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const valueSchema = z.union([z.number(), z.string(), z.boolean()], { error: 'must be a finite number, text or true/false' });
const rangeSchema = z.strictObject(
  {
    min: z.number({ error: 'needs "min", a finite number' }),
    max: z.number({ error: 'needs "max", a finite number' }),
    log: z.boolean({ error: '"log" must be true or false' }).optional(),
    integer: z.boolean({ error: '"integer" must be true or false' }).optional(),
  },
  { error: 'must be a list of values or a range {min, max, log?, integer?}' },
);
const choiceSchema = z.union([z.array(valueSchema).min(1, { error: 'has an empty list: give at least one value' }), rangeSchema], {
  error: 'must be a list of values, or a range {min, max, log?, integer?} in random mode',
});

/** The boundary schema of a sweep cell's config; `parseSweepSpec` adds the checks zod cannot say well. */
export const sweepSpecSchema = z.object({
  learner: z.enum(LEARNER_NAMES, { error: `must be one of ${LEARNER_NAMES.join(', ')}` }),
  mode: z.enum(['grid', 'random'], { error: 'must be "grid" or "random"' }),
  params: z.record(z.string(), choiceSchema, { error: 'must be an object: param name → values' }),
  seeds: z
    .array(z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }), { error: 'must be a list of whole numbers' })
    .min(1, { error: 'needs at least one seed' }),
  samples: z.number({ error: 'must be a whole number above 0' }).int({ error: 'must be a whole number above 0' }).positive({ error: 'must be a whole number above 0' }).optional(),
  randomSeed: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).optional(),
}, { error: 'must be an object {learner, mode, params, seeds, samples?, randomSeed?}' });

/**
 * Validates a spec from a cell config; throws a SweepSpecError whose message names the param or
 * field and says what is expected. Learner-specific checks (known params, their ranges) happen in
 * `expandSweep`, which knows the task.
 *
 * @example const spec = parseSweepSpec(cell.config.sweep);
 */
export function parseSweepSpec(input: unknown): SweepSpec {
  const parsed = sweepSpecSchema.safeParse(input);
  if (!parsed.success) throw issueError(parsed.error.issues[0]);
  const spec: SweepSpec = parsed.data;
  if (spec.mode === 'random' && spec.samples === undefined) {
    throw new SweepSpecError('Sweep "samples": random mode needs how many combinations to draw (a whole number above 0).');
  }
  for (const [name, choice] of Object.entries(spec.params)) {
    if (isRange(choice)) checkRange(name, choice, spec.mode);
  }
  return spec;
}

export function isRange(choice: SweepChoice): choice is SweepRange {
  return !Array.isArray(choice);
}

function checkRange(name: string, range: SweepRange, mode: SweepSpec['mode']): void {
  const fail = (what: string): never => {
    throw new SweepSpecError(`Sweep param "${name}": ${what}`, name);
  };
  if (mode === 'grid') fail('a grid takes a list of values; ranges {min, max} are for random mode.');
  if (range.min > range.max) fail(`min (${range.min}) is above max (${range.max}).`);
  if (range.log && range.min <= 0) fail(`a log range needs min above 0 (got ${range.min}).`);
  if (range.integer && Math.ceil(range.min) > Math.floor(range.max)) fail(`no whole number lies between ${range.min} and ${range.max}.`);
}

/** Turns zod's first issue into a message with the param named; unions name their matching branch. */
function issueError(issue: z.core.$ZodIssue | undefined, outer: readonly PropertyKey[] = []): SweepSpecError {
  if (!issue) return new SweepSpecError('Sweep spec is not valid.');
  const path = [...outer, ...issue.path];
  if (issue.code === 'invalid_union') {
    // The branch whose shape matched (its issues are not all "wrong type at the root") says more.
    const branch = issue.errors.find((issues) => issues.some((i) => i.path.length > 0 || i.code !== 'invalid_type'));
    if (branch) return issueError(branch[0], path);
  }
  const message = issue.code === 'unrecognized_keys' ? `has unknown keys ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  const [field, param, ...rest] = path.map(String);
  if (field === 'params' && param !== undefined) {
    const where = rest.length > 0 ? ` (${/^\d+$/.test(rest[0] ?? '') ? `value ${Number(rest[0]) + 1}` : rest.join('.')})` : '';
    return new SweepSpecError(`Sweep param "${param}"${where} ${message}.`, param);
  }
  const item = param !== undefined ? ` (item ${Number(param) + 1})` : '';
  return new SweepSpecError(`Sweep ${field === undefined ? 'spec' : `"${field}"`}${item} ${message}.`);
}

const valueKey = (v: ParamValue): string => `${typeof v}:${String(v)}`;

/** The distinct values of a list, in first-seen order (1 and 1.0 are one value). */
export function distinctValues<T extends ParamValue>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = valueKey(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many values a choice offers: Infinity for a continuous range. */
export function choiceSize(choice: SweepChoice): number {
  if (!isRange(choice)) return distinctValues(choice).length;
  if (choice.integer) return Math.max(0, Math.floor(choice.max) - Math.ceil(choice.min) + 1);
  return choice.min === choice.max ? 1 : Infinity;
}

/**
 * How many runs the spec asks for, without expanding it: grid = product of list lengths × seeds;
 * random = samples × seeds, or fewer when the space holds fewer distinct combinations. Exact,
 * except that values a learner reads alike ("100" and 100) count twice here and run once.
 *
 * @example if (countRuns(spec) > CONFIRM_RUNS_ABOVE && !confirm(...)) return;
 */
export function countRuns(spec: SweepSpec): number {
  const space = Object.values(spec.params).reduce((product, choice) => product * choiceSize(choice), 1);
  const combinations = spec.mode === 'grid' ? space : Math.min(spec.samples ?? 0, space);
  return combinations * distinctValues(spec.seeds).length;
}

/** Params that take more than one value, sorted: the choices for "group by" and "plot against". */
export function paramsVarying(spec: SweepSpec): string[] {
  return Object.entries(spec.params)
    .filter(([, choice]) => choiceSize(choice) > 1)
    .map(([name]) => name)
    .sort();
}
