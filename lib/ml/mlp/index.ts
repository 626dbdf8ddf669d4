/**
 * The 'mlp' learner: a multilayer perceptron with ReLU hidden layers, dropout and L2, trained by
 * minibatch Adam with early stopping on ctx.valid (the best epoch's weights are kept). Outputs a
 * sigmoid (binary), softmax (multiclass) or a de-standardized value (regression).
 *
 * @example
 * const params = mlpLearner.parseParams({ layers: 3, units: 128 }, 'regression');
 * const model = await mlpLearner.fit(train, params, { seed: 7, valid, deadline });
 */
import { createDenseLearner } from '../tf/dense-learner';
import type { NumberParamSpecs } from '../params';
import { trainDenseNet } from '../tf/train-dense-net';

export type MlpParams = {
  /** Hidden layers. */
  readonly layers: number;
  /** Units per hidden layer. */
  readonly units: number;
  /** Fraction of hidden activations dropped per training step. */
  readonly dropout: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /** Most passes over the data; early stopping usually ends sooner. */
  readonly epochs: number;
  /** Epochs without improvement before stopping; the learning rate halves every third of it. */
  readonly patience: number;
  /** Penalty ½·l2·‖W‖² on the kernels, added to the mean loss. */
  readonly l2: number;
};

export const MLP_PARAMS: NumberParamSpecs<keyof MlpParams> = {
  layers: { default: 2, min: 1, max: 8, integer: true },
  units: { default: 64, min: 1, max: 4096, integer: true },
  dropout: { default: 0.1, min: 0, max: 0.9 },
  // Above Adam's usual 1e-3: tabular sets are small, and plateaus halve it anyway.
  learningRate: { default: 3e-3, min: 0, minExclusive: true, max: 1 },
  batchSize: { default: 256, min: 1, max: 1 << 20, integer: true },
  epochs: { default: 200, min: 1, max: 10000, integer: true },
  patience: { default: 10, min: 1, max: 1000, integer: true },
  l2: { default: 1e-5, min: 0, max: 100 },
};

const denseMlp = createDenseLearner<MlpParams>({
  name: 'mlp',
  params: MLP_PARAMS,
  fit: (data, p, ctx) =>
    trainDenseNet(
      data,
      {
        learner: 'mlp',
        hidden: Array.from({ length: p.layers }, () => p.units),
        dropout: p.dropout,
        l2: p.l2,
        learningRate: p.learningRate,
        epochs: p.epochs,
        batchSize: batchFor(p.batchSize, data.x.rows),
        patience: p.patience,
      },
      ctx,
    ),
});

/**
 * Small tables get smaller batches: with 300 rows and batches of 256, an epoch is one Adam step and
 * early stopping's patience runs out long before the network has learnt anything.
 */
export function batchFor(batchSize: number, rows: number): number {
  return Math.max(1, Math.min(batchSize, Math.max(MIN_STEPS_BATCH, Math.ceil(rows / STEPS_PER_EPOCH))));
}

/** Adam steps an epoch should have at least, unless batches would drop below MIN_STEPS_BATCH rows. */
const STEPS_PER_EPOCH = 16;
const MIN_STEPS_BATCH = 16;

export const mlpLearner: typeof denseMlp = {
  ...denseMlp,
  // The epochs that early stopping found best, on average: the refit has no validation rows.
  refitParams: (models, params) => ({
    ...params,
    // bestEpoch is 1-based: the number of epochs that produced the kept weights.
    epochs: Math.max(1, Math.round(models.reduce((sum, m) => sum + m.training.bestEpoch, 0) / Math.max(1, models.length))),
  }),
};
