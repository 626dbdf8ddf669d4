/**
 * What the search tries per learner: a short portfolio of configurations known to do well on
 * tables (cheapest first), and the ranges the local search moves in. Values are learner params
 * (see each learner's parseParams); anything not named keeps the learner's default.
 */
import type { LearnerName, Params, Task } from '../types';

export interface ParamRange {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  /** Moved in log space (rates, counts spanning orders of magnitude). */
  readonly log: boolean;
  readonly integer: boolean;
}

export interface SearchSpace {
  /** Known-good starting points, cheapest first. */
  portfolio(task: Task): readonly Params[];
  /** Tuned by the local search; other params stay as the portfolio point has them. */
  readonly ranges: readonly ParamRange[];
  /** Relative cost of one fit with these params, to try cheap neighbours first. */
  cost(params: Params): number;
}

const num = (p: Params, name: string, fallback: number): number => {
  const v = p[name];
  return typeof v === 'number' ? v : fallback;
};

export const SEARCH_SPACES: { readonly [N in LearnerName]: SearchSpace } = {
  linear: {
    portfolio: () => [{ l2: 1e-3 }, { l2: 0.1 }],
    ranges: [{ name: 'l2', low: 1e-6, high: 10, log: true, integer: false }],
    cost: () => 1,
  },
  gbdt: {
    portfolio: (task): Params[] => [
      { learningRate: 0.1, leaves: 31, minChildWeight: 1, trees: 1000 },
      // Leaves of at least ~20 rows, as scikit-learn's HistGradientBoosting and LightGBM default to:
      // a hessian is 1 a row for squared error, at most 0.25 for log loss.
      { learningRate: 0.1, leaves: 31, minChildWeight: task === 'regression' ? 20 : 3, lambda: 0, trees: 1000 },
      { learningRate: 0.05, leaves: 15, minChildWeight: 3, subsample: 0.8, colsample: 0.8, trees: 1000 },
      { learningRate: 0.05, leaves: 63, minChildWeight: 5, lambda: 1, colsample: 0.7, trees: 1000 },
      { learningRate: 0.03, leaves: 7, minChildWeight: task === 'regression' ? 10 : 2, lambda: 3, trees: 2000 },
    ],
    ranges: [
      { name: 'learningRate', low: 0.01, high: 0.3, log: true, integer: false },
      { name: 'leaves', low: 4, high: 255, log: true, integer: true },
      { name: 'minChildWeight', low: 0.01, high: 50, log: true, integer: false },
      { name: 'lambda', low: 1e-3, high: 30, log: true, integer: false },
      { name: 'colsample', low: 0.3, high: 1, log: false, integer: false },
      { name: 'subsample', low: 0.5, high: 1, log: false, integer: false },
    ],
    cost: (p) => num(p, 'leaves', 31) / num(p, 'learningRate', 0.1),
  },
  rf: {
    portfolio: (): Params[] => [{ trees: 200, colsample: 0.6 }, { trees: 300, colsample: 0.3, minChildWeight: 2 }],
    ranges: [
      { name: 'colsample', low: 0.1, high: 1, log: false, integer: false },
      { name: 'minChildWeight', low: 1, high: 20, log: true, integer: false },
    ],
    cost: (p) => num(p, 'trees', 200),
  },
  mlp: {
    portfolio: () => [
      { layers: 2, units: 64, dropout: 0.1, learningRate: 1e-3 },
      { layers: 1, units: 128, dropout: 0, learningRate: 3e-3 },
      { layers: 3, units: 128, dropout: 0.2, learningRate: 1e-3 },
    ],
    ranges: [
      { name: 'units', low: 16, high: 256, log: true, integer: true },
      { name: 'layers', low: 1, high: 4, log: false, integer: true },
      { name: 'dropout', low: 0, high: 0.5, log: false, integer: false },
      { name: 'learningRate', low: 1e-4, high: 1e-2, log: true, integer: false },
      { name: 'l2', low: 1e-7, high: 1e-2, log: true, integer: false },
    ],
    cost: (p) => num(p, 'layers', 2) * num(p, 'units', 64),
  },
};

/** Learners in the order the portfolio runs them: fast and strong first, so a short budget still ends well. */
export const PORTFOLIO_ORDER: readonly LearnerName[] = ['gbdt', 'linear', 'rf', 'mlp'];
