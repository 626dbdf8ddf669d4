/**
 * The one registry of learners (STYLE.md: tfjs register_all_kernels.ts). The search, the CLI and
 * model loading find a learner by its name here.
 */
import { gbdtLearner, rfLearner } from './gbdt';
import { linearLearner } from './linear';
import { mlpLearner } from './mlp';
import type { Learner, LearnerName, Params } from './types';

// Each learner's own params type narrows `Params`; the registry hands them out by name.
export const LEARNERS: { readonly [N in LearnerName]: Learner<Params, unknown> } = {
  gbdt: gbdtLearner as unknown as Learner<Params, unknown>,
  rf: rfLearner as unknown as Learner<Params, unknown>,
  linear: linearLearner as unknown as Learner<Params, unknown>,
  mlp: mlpLearner as unknown as Learner<Params, unknown>,
};

export function learnerOf(name: LearnerName): Learner<Params, unknown> {
  return LEARNERS[name];
}
