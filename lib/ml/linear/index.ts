/**
 * The 'linear' learner: linear regression, logistic regression (binary) or softmax regression
 * (multiclass) with an L2 penalty, fitted by full-batch L-BFGS on dense, standardized features
 * (regression targets are standardized inside and restored on predict).
 *
 * @example
 * const params = linearLearner.parseParams({ l2: 1e-3 }, 'binary');
 * const model = await linearLearner.fit(train, params, { seed: 1, valid });
 * const probabilities = await linearLearner.predict(model, test.x);
 */
import { createDenseLearner } from '../tf/dense-learner';
import type { NumberParamSpecs } from '../params';
import { fitLinear } from './fit-linear';

export type LinearParams = {
  /** Penalty ½·l2·‖w‖² added to the mean loss (on standardized targets for regression). */
  readonly l2: number;
  /** Most L-BFGS iterations (each one or a few full passes); convergence usually ends sooner. */
  readonly epochs: number;
  /** Iterations without a better validation loss before stopping early. */
  readonly patience: number;
};

export const LINEAR_PARAMS: NumberParamSpecs<keyof LinearParams> = {
  // Light: enough to keep separable classes' weights finite, too little to bias the fit.
  l2: { default: 1e-4, min: 0, max: 100 },
  epochs: { default: 200, min: 1, max: 10000, integer: true },
  patience: { default: 10, min: 1, max: 1000, integer: true },
};

export const linearLearner = createDenseLearner<LinearParams>({
  name: 'linear',
  params: LINEAR_PARAMS,
  fit: (data, params, ctx) => fitLinear(data, { l2: params.l2, maxIterations: params.epochs, patience: params.patience }, ctx),
});
