/**
 * A trained model as the rest of the app uses it: the fitted preprocessing plus one or more fitted
 * learners whose probabilities (or values) are averaged with weights. One member for a plain
 * trial; k for a model bagged over cross-validation folds; more for a greedy ensemble.
 */
import type { Table } from '../data/types';
import { learnerOf } from './learners';
import { checkInput, transform, type PreprocessPlan } from './preprocess';
import type { FeatureEncoding, LearnerName, Matrix, Params, Predictions } from './types';

export interface ModelMember {
  readonly learner: LearnerName;
  readonly params: Params;
  readonly weight: number;
  /** The learner's fitted model (its own type, opaque here). */
  readonly fitted: unknown;
}

export interface TrainedModel {
  readonly plan: PreprocessPlan;
  readonly members: readonly ModelMember[];
}

export interface TablePredictions {
  readonly predictions: Predictions;
  /** What the user should know (unseen categories, ignored columns). */
  readonly notices: readonly string[];
}

/** Predicts every row of `table`, after checking its columns against the model's. */
export async function predictTable(model: TrainedModel, table: Table): Promise<TablePredictions> {
  const notices = checkInput(model.plan, table);
  const matrices = new Map<FeatureEncoding, Matrix>();
  const matrixFor = (encoding: FeatureEncoding): Matrix => {
    let m = matrices.get(encoding);
    if (!m) matrices.set(encoding, (m = transform(model.plan, table, encoding)));
    return m;
  };
  const predictions = await predictMembers(model.members, matrixFor);
  return { predictions, notices };
}

/** The weighted average of the members' predictions, each on the encoding its learner wants. */
export async function predictMembers(members: readonly ModelMember[], matrixFor: (encoding: FeatureEncoding) => Matrix): Promise<Predictions> {
  let sum: Float64Array | undefined;
  let rows = 0;
  let width = 0;
  let total = 0;
  for (const member of members) {
    const learner = learnerOf(member.learner);
    const p = await learner.predict(member.fitted, matrixFor(learner.encoding));
    if (!sum) {
      sum = new Float64Array(p.values.length);
      rows = p.rows;
      width = p.width;
    }
    for (let i = 0; i < sum.length; i++) sum[i]! += member.weight * p.values[i]!;
    total += member.weight;
  }
  if (!sum) throw new Error('A model needs at least one member to predict.');
  for (let i = 0; i < sum.length; i++) sum[i]! /= total;
  return { rows, width, values: sum };
}

/** Frees what members hold outside the JS heap (TF.js weights). */
export function disposeModel(model: TrainedModel): void {
  for (const m of model.members) learnerOf(m.learner).dispose?.(m.fitted);
}
