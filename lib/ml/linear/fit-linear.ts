/**
 * Fits a linear model (one dense layer: linear, logistic or softmax regression) by full-batch
 * L-BFGS on the L2-penalized mean loss, with early stopping on ctx.valid. Starts from zero
 * weights: the loss is convex, so nothing here is random and the seed changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { FitCanceledError, type FitContext, type TrainData } from '../types';
import { lossAndGradients } from '../tf/backprop';
import { outputWidth, type DenseNet, type StopReason } from '../tf/dense-net';
import { concatGradients, decayCoefficients, splitWeights, unpackLayers, weightLayout } from '../tf/flat-weights';
import { checkTrainData, targetScale, toHostSplit, uploadSplit, type DeviceSplit } from '../tf/train-data';
import { meanLoss } from '../tf/train-dense-net';
import { minimizeLbfgs, type Evaluation } from './lbfgs';

export interface LinearFitOptions {
  readonly l2: number;
  /** Most L-BFGS iterations; each costs one or a few full passes over the rows. */
  readonly maxIterations: number;
  /** Iterations without a better validation loss before stopping. */
  readonly patience: number;
}

/** Stop when an iteration improves the loss by less than this fraction: float32 sums go no further. */
const TOLERANCE = 1e-7;
/** Rows per forward/backward pass, so a large table never holds all activations at once. */
const CHUNK_ROWS = 32768;
/** Longest stretch without yielding to the event loop, so a worker still receives messages. */
const YIELD_INTERVAL_MS = 100;
/** A validation loss must beat the best by this fraction to count as better. */
const MIN_REL_IMPROVEMENT = 1e-6;

export async function fitLinear(data: TrainData, opts: LinearFitOptions, ctx: FitContext): Promise<DenseNet> {
  checkTrainData('linear', data, ctx);
  const { task, classCount } = data;
  const target = task === 'regression' ? targetScale(data.y) : { mean: 0, std: 1 };
  const layout = weightLayout([data.x.cols, outputWidth(task, classCount)]);
  const decay = decayCoefficients(layout, opts.l2);
  const train = uploadSplit(toHostSplit(data, target));
  const valid = ctx.valid ? uploadSplit(toHostSplit(ctx.valid, target)) : undefined;
  try {
    const evaluate = async (weights: Float64Array): Promise<Evaluation> => {
      const packed = tf.tidy(() => lossAndGradient(task, classCount, train, tf.tensor1d(Float32Array.from(weights)), layout));
      const values = await packed.data();
      packed.dispose();
      let loss = values[0]!;
      const gradient = new Float64Array(weights.length);
      for (let i = 0; i < weights.length; i++) {
        loss += 0.5 * decay[i]! * weights[i]! * weights[i]!;
        gradient[i] = values[i + 1]! + decay[i]! * weights[i]!;
      }
      return { loss, gradient };
    };

    const trainCurve: number[] = [];
    const validCurve: number[] = [];
    const zeros: Float64Array = new Float64Array(layout.total);
    let best = { loss: Infinity, iteration: 0, weights: zeros };
    let last = zeros;
    let lastYield = performance.now();
    let stoppedBy: StopReason | undefined;
    const outcome = await minimizeLbfgs(evaluate, zeros, {
      maxIterations: opts.maxIterations,
      tolerance: TOLERANCE,
      afterIteration: async ({ iteration, weights, loss }) => {
        let penalty = 0;
        for (let i = 0; i < weights.length; i++) penalty += 0.5 * decay[i]! * weights[i]! * weights[i]!;
        trainCurve.push(loss - penalty);
        last = weights;
        const monitored = valid ? await validLoss(task, classCount, valid, weights, layout) : loss;
        if (valid) validCurve.push(monitored);
        if (monitored < best.loss - MIN_REL_IMPROVEMENT * Math.abs(best.loss) || best.loss === Infinity) {
          best = { loss: monitored, iteration, weights };
        } else if (valid && iteration - best.iteration >= opts.patience) {
          stoppedBy = 'early-stopping';
          return true;
        }
        ctx.onProgress?.(iteration / opts.maxIterations);
        if (ctx.isCanceled?.()) throw new FitCanceledError();
        if (ctx.deadline !== undefined && performance.now() > ctx.deadline) {
          stoppedBy = 'deadline';
          return true;
        }
        if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
        }
        return false;
      },
    });
    if (outcome === 'diverged') throw new Error('linear: the loss is not finite at the start; check the features.');
    // With validation rows the best iteration wins; without, the last one is nearest the optimum.
    const kept = valid ? best.weights : last;
    ctx.onProgress?.(1);
    return {
      learner: 'linear',
      task,
      classCount,
      cols: data.x.cols,
      layers: unpackLayers(Float32Array.from(kept), layout),
      target,
      training: {
        epochs: trainCurve.length,
        bestEpoch: best.iteration,
        stoppedBy: stoppedBy ?? (outcome === 'max-iterations' ? 'max-epochs' : 'converged'),
        monitor: valid ? 'valid' : 'train',
        bestLoss: best.loss,
        trainLoss: trainCurve,
        validLoss: validCurve,
      },
    };
  } finally {
    tf.dispose([train.x, train.y]);
    if (valid) tf.dispose([valid.x, valid.y]);
  }
}

/** [mean loss, ...gradient] of the unpenalized loss over every row, in one tensor (one read). */
function lossAndGradient(
  task: TrainData['task'],
  classCount: number,
  split: DeviceSplit,
  weights: tf.Tensor1D,
  layout: ReturnType<typeof weightLayout>,
): tf.Tensor1D {
  const layers = splitWeights(weights, layout);
  let loss: tf.Tensor = tf.scalar(0);
  let gradient: tf.Tensor = tf.zeros([layout.total]);
  for (let start = 0; start < split.rows; start += CHUNK_ROWS) {
    const size = Math.min(CHUNK_ROWS, split.rows - start);
    const whole = size === split.rows;
    const x = whole ? split.x : tf.slice(split.x, start, size);
    const y = whole ? split.y : tf.slice(split.y, start, size);
    const step = lossAndGradients(task, classCount, x, y, layers, []);
    // Each chunk's mean, weighted by its share of the rows, sums to the mean over all rows.
    loss = tf.add(loss, tf.mul(step.loss, size / split.rows));
    gradient = tf.add(gradient, tf.mul(concatGradients(step.grads), size / split.rows));
  }
  return tf.concat([tf.reshape(loss, [1]), gradient]) as tf.Tensor1D;
}

async function validLoss(
  task: TrainData['task'],
  classCount: number,
  split: DeviceSplit,
  weights: Float64Array,
  layout: ReturnType<typeof weightLayout>,
): Promise<number> {
  const tensor = tf.tensor1d(Float32Array.from(weights));
  try {
    return await meanLoss(task, classCount, split, tensor, layout);
  } finally {
    tensor.dispose();
  }
}
