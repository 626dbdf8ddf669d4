/**
 * The params of `gbdt` and `rf`: names users type (`--params '{"trees":200,"leaves":63}'`),
 * defaults, ranges, and a parser whose errors name the bad param and what it accepts.
 */
import { parseNumberParams, type NumberParamSpec } from '../params';
import { MAX_BINS } from './flags';

type Spec = NumberParamSpec;

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
  return parseNumberParams('gbdt', GBDT_SPECS, input);
}

export function parseRfParams(input: Readonly<Record<string, unknown>>): RfParams {
  return parseNumberParams('rf', RF_SPECS, input);
}

export const GBDT_DEFAULTS: GbdtParams = parseGbdtParams({});
export const RF_DEFAULTS: RfParams = parseRfParams({});
