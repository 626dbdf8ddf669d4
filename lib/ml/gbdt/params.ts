/**
 * The params of `gbdt` and `rf`: names users type (`--params '{"trees":200,"leaves":63}'`),
 * defaults, ranges, and a parser whose errors name the bad param and what it accepts.
 */
import { MAX_BINS } from './flags';

interface Spec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** `min` itself is refused (a learning rate of 0 never moves). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Shown in errors: what a special value means. */
  readonly note?: string;
}

const GBDT_SPECS = {
  /** Boosting rounds at most; early stopping usually ends sooner when a validation set is given. */
  trees: { default: 300, min: 1, max: 100_000, integer: true },
  learningRate: { default: 0.1, min: 0, max: 1, minExclusive: true },
  leaves: { default: 31, min: 2, max: 131_072, integer: true },
  maxDepth: { default: 0, min: 0, max: 64, integer: true, note: '0 = no limit' },
  /** Smallest sum of hessians in a leaf (XGBoost's min_child_weight). */
  minChildWeight: { default: 1, min: 0, max: 1e6 },
  lambda: { default: 1, min: 0, max: 1e6 },
  alpha: { default: 0, min: 0, max: 1e6 },
  subsample: { default: 1, min: 0, max: 1, minExclusive: true },
  /** Share of features each tree may split on. */
  colsample: { default: 1, min: 0, max: 1, minExclusive: true },
  bins: { default: MAX_BINS, min: 2, max: MAX_BINS, integer: true },
  earlyStoppingRounds: { default: 20, min: 0, max: 100_000, integer: true, note: '0 = off' },
} as const satisfies Record<string, Spec>;

const RF_SPECS = {
  trees: { default: 100, min: 1, max: 100_000, integer: true },
  maxDepth: { default: 0, min: 0, max: 64, integer: true, note: '0 = no limit' },
  /** Caps tree size on big tables, where fully grown trees cost time and memory for little gain. */
  leaves: { default: 1024, min: 0, max: 1_000_000, integer: true, note: '0 = no limit' },
  /** Smallest (bootstrap-weighted) row count in a leaf. */
  minChildWeight: { default: 1, min: 0, max: 1e6 },
  /** Share of features tried at each split. */
  colsample: { default: 0, min: 0, max: 1, note: '0 = √features for classification, a third for regression' },
  /** Bootstrap draws per tree, as a share of the rows. */
  subsample: { default: 1, min: 0, max: 1, minExclusive: true },
} as const satisfies Record<string, Spec>;

export type GbdtParams = { readonly [K in keyof typeof GBDT_SPECS]: number };
export type RfParams = { readonly [K in keyof typeof RF_SPECS]: number };

export function parseGbdtParams(input: Readonly<Record<string, unknown>>): GbdtParams {
  return parseParams('gbdt', GBDT_SPECS, input);
}

export function parseRfParams(input: Readonly<Record<string, unknown>>): RfParams {
  return parseParams('rf', RF_SPECS, input);
}

export const GBDT_DEFAULTS: GbdtParams = parseGbdtParams({});
export const RF_DEFAULTS: RfParams = parseRfParams({});

function parseParams<K extends string>(learner: string, specs: Readonly<Record<K, Spec>>, input: Readonly<Record<string, unknown>>): Readonly<Record<K, number>> {
  const names = Object.keys(specs) as K[];
  for (const key of Object.keys(input)) {
    if (!(names as string[]).includes(key)) throw new Error(`${learner}: unknown param "${key}"; known params are ${names.join(', ')}.`);
  }
  const out = {} as Record<K, number>;
  for (const name of names) {
    const raw = input[name];
    out[name] = raw === undefined ? specs[name].default : checkValue(learner, name, specs[name], raw);
  }
  return out;
}

function checkValue(learner: string, name: string, spec: Spec, raw: unknown): number {
  // Command lines deliver numbers as text; JSON configs as numbers. Both are accepted.
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  const ok =
    Number.isFinite(value) &&
    (spec.minExclusive ? value > spec.min : value >= spec.min) &&
    value <= spec.max &&
    (!spec.integer || Number.isInteger(value));
  if (ok) return value;
  const kind = spec.integer ? 'an integer' : 'a number';
  const range = spec.minExclusive ? `above ${spec.min} and at most ${spec.max}` : `from ${spec.min} to ${spec.max}`;
  const note = spec.note ? ` (${spec.note})` : '';
  const got = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  throw new Error(`${learner}: param "${name}" must be ${kind} ${range}${note}; got ${got}.`);
}
