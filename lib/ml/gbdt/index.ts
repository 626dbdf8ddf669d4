/**
 * The tree learners: `gbdt` (histogram gradient boosting, the workhorse for tables) and `rf`
 * (random forest on the same tree grower). Both take the `trees` feature encoding: raw floats
 * with NaN for missing values, which the trees route on their own.
 *
 * @example
 * const params = gbdtLearner.parseParams({ trees: 200, leaves: 63 }, 'binary');
 * const model = await gbdtLearner.fit(train, params, { seed: 1, valid });
 * const { values } = await gbdtLearner.predict(model, test.x); // P(class 0), P(class 1) per row
 */
import type { Learner } from '../types';
import { fitGbdt, predictGbdt, type GbdtModel } from './booster';
import { fitRf, predictRf, type RfModel } from './forest';
import { parseGbdtParams, parseRfParams, type GbdtParams, type RfParams } from './params';
import { decodeGbdt, decodeRf, encodeGbdt, encodeRf } from './serialize';

export type { GbdtModel } from './booster';
export type { RfModel } from './forest';
export type { GbdtParams, RfParams } from './params';
export { GBDT_DEFAULTS, RF_DEFAULTS } from './params';

export const gbdtLearner: Learner<GbdtParams, GbdtModel> = {
  name: 'gbdt',
  encoding: 'trees',
  parseParams: (input) => parseGbdtParams(input),
  fit: (data, params, ctx) => fitGbdt(data, params, ctx),
  predict: async (model, x) => predictGbdt(model, x),
  // As many rounds as early stopping kept on average: the refit has no validation rows to stop on.
  refitParams: (models, params) => ({ ...params, trees: Math.max(1, Math.round(mean(models.map((m) => m.rounds)))) }),
  serialize: async (model) => encodeGbdt(model),
  deserialize: async (files) => decodeGbdt(files),
  learningCurve: (model) => (model.validLoss.length > 0 ? { xLabel: 'Boosting round', series: [{ name: 'Validation loss', values: [...model.validLoss] }] } : undefined),
};

export const rfLearner: Learner<RfParams, RfModel> = {
  name: 'rf',
  encoding: 'trees',
  parseParams: (input) => parseRfParams(input),
  fit: (data, params, ctx) => fitRf(data, params, ctx),
  predict: async (model, x) => predictRf(model, x),
  serialize: async (model) => encodeRf(model),
  deserialize: async (files) => decodeRf(files),
};

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
