/**
 * The seeded training loop shared by the linear and MLP learners: minibatch Adam over batches we
 * order ourselves (tfjs's model.fit shuffles with Math.random), early stopping with the best
 * weights restored, halving the learning rate on plateaus, and the deadline, cancel and progress
 * hooks of FitContext.
 *
 * The loop is synchronous within an epoch: one `await` per epoch reads the losses, and a macrotask
 * yield at most every YIELD_INTERVAL_MS lets a worker see its cancel message.
 */
import * as tf from '@tensorflow/tfjs';
import { TrainingInputError } from '../errors';
import { MAX_DENSE_WEIGHTS } from '../flags';
import { createRng, deriveSeed, type Rng } from '../rng';
import { FitCanceledError, type FitContext, type TrainData } from '../types';
import { lossAndGradients } from './backprop';
import { forwardLogits, lossFromLogits, outputWidth, type DenseNet, type StopReason } from './dense-net';
import {
  concatGradients,
  decayCoefficients,
  initialWeights,
  splitWeights,
  unpackLayers,
  weightLayout,
  type WeightLayout,
} from './flat-weights';
import { checkTrainData, targetScale, toHostSplit, uploadRows, uploadSplit, type DeviceSplit } from './train-data';

export interface DenseTrainOptions {
  readonly learner: 'linear' | 'mlp';
  /** Units of each hidden layer; empty for a linear model. */
  readonly hidden: readonly number[];
  readonly dropout: number;
  readonly l2: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly patience: number;
}

/** An epoch must beat the best loss by this fraction to count: float noise is not progress. */
const MIN_REL_IMPROVEMENT = 1e-4;
/** ...or by this much, for losses near zero (noise-free regression). */
const MIN_ABS_IMPROVEMENT = 1e-9;
/** Batches between isCanceled checks inside an epoch: the callback may cost a message read. */
const CANCEL_CHECK_BATCHES = 8;
/** Longest stretch without yielding to the event loop, so a worker still receives messages. */
const YIELD_INTERVAL_MS = 100;
/** Rows per validation forward pass. */
const VALID_CHUNK_ROWS = 16384;
/** Backends whose ops run after they are queued (the CPU and WASM ones run them at once). */
const ASYNC_BACKENDS = new Set(['webgpu', 'webgl']);
/** Adam's epsilon, fixed rather than the backend's so every backend takes the same steps. */
const ADAM_EPSILON = 1e-7;

/** Adam whose learning rate can be lowered mid-fit (tfjs keeps it protected). */
class TunableAdam extends tf.AdamOptimizer {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

export async function trainDenseNet(data: TrainData, opts: DenseTrainOptions, ctx: FitContext): Promise<DenseNet> {
  checkTrainData(opts.learner, data, ctx);
  const { task, classCount } = data;
  const rows = data.x.rows;
  const target = task === 'regression' ? targetScale(data.y) : { mean: 0, std: 1 };
  const layout = weightLayout([data.x.cols, ...opts.hidden, outputWidth(task, classCount)]);
  if (layout.total > MAX_DENSE_WEIGHTS) {
    throw new TrainingInputError(
      `This network would have ${Math.round(layout.total / 1e6).toLocaleString('en')} million weights; at most ${MAX_DENSE_WEIGHTS / 1e6} million fit in memory with the optimizer's state. Use fewer layers or units.`,
    );
  }
  const shuffleRng = createRng(deriveSeed(ctx.seed, 'shuffle'));
  const dropoutRng = createRng(deriveSeed(ctx.seed, 'dropout'));
  const train = toHostSplit(data, target);
  const batch = Math.min(opts.batchSize, rows);
  const batches = Math.ceil(rows / batch);
  const order = Int32Array.from({ length: rows }, (_, i) => i);

  // Every tensor the fit owns, so `finally` frees them whatever happens.
  const fullBatch = batch === rows ? uploadSplit(train) : undefined; // uploaded once, not per step
  const valid = ctx.valid ? uploadSplit(toHostSplit(ctx.valid, target)) : undefined;
  const decay = opts.l2 > 0 ? tf.tensor1d(decayCoefficients(layout, opts.l2)) : undefined;
  const initial = tf.tensor1d(initialWeights(layout, createRng(deriveSeed(ctx.seed, 'init'))));
  const weights = tf.variable(initial);
  initial.dispose(); // tf.variable keeps its initial tensor alive beside it
  const optimizer = new TunableAdam(opts.learningRate, 0.9, 0.999, ADAM_EPSILON);
  let snapshot: tf.Tensor1D | undefined;
  let lossSum: tf.Scalar | undefined;
  try {
    const decayEvery = Math.max(2, Math.ceil(opts.patience / 3));
    const trainCurve: number[] = [];
    const validCurve: number[] = [];
    let learningRate = opts.learningRate;
    let best = Infinity;
    let bestEpoch = 0;
    let sinceBest = 0;
    let stoppedBy: StopReason = 'max-epochs';
    let epoch = 0;
    let stepped = false;
    let lastYield = performance.now();
    const pastDeadline = (): boolean => ctx.deadline !== undefined && performance.now() > ctx.deadline;
    const queuesWork = ASYNC_BACKENDS.has(tf.getBackend());

    epochs: while (epoch < opts.epochs) {
      epoch++;
      if (!fullBatch) shuffleRng.shuffle(order);
      let sum: tf.Scalar = tf.scalar(0);
      lossSum = sum;
      for (let b = 0; b < batches; b++) {
        if (b > 0 && b % CANCEL_CHECK_BATCHES === 0) {
          // A GPU backend only queues the steps: wait for them, or the deadline below would be
          // checked against queued work (an epoch on a software adapter queues minutes of it).
          if (queuesWork) await sum.data();
          if (ctx.isCanceled?.()) throw new FitCanceledError();
        }
        // At least one step, so a fit started past its deadline still returns a trained model.
        if (stepped && pastDeadline()) {
          stoppedBy = 'deadline';
          break epochs;
        }
        const start = b * batch;
        const end = Math.min(rows, start + batch);
        const masks = dropoutMasks(end - start, opts.hidden, opts.dropout, dropoutRng);
        const previous: tf.Scalar = sum;
        sum = tf.tidy((): tf.Scalar => {
          const xy = fullBatch ?? uploadRows(train, order, start, end);
          const layers = splitWeights(weights, layout);
          const step = lossAndGradients(task, classCount, xy.x, xy.y, layers, masks.map((m) => m()));
          const gradient = concatGradients(step.grads);
          optimizer.applyGradients([{ name: weights.name, tensor: decay ? tf.add(gradient, tf.mul(weights, decay)) : gradient }]);
          return tf.add(previous, tf.mul(step.loss, end - start));
        });
        previous.dispose();
        lossSum = sum;
        stepped = true;
      }
      const trainLoss = (await sum.data())[0]! / rows;
      sum.dispose();
      lossSum = undefined;
      const monitored = valid ? await meanLoss(task, classCount, valid, weights, layout) : trainLoss;

      if (!Number.isFinite(monitored) || !Number.isFinite(trainLoss)) {
        if (!snapshot) {
          throw new Error(`${opts.learner}: training diverged (the loss is not finite); try a lower learningRate.`);
        }
        stoppedBy = 'diverged';
        break;
      }
      trainCurve.push(trainLoss);
      if (valid) validCurve.push(monitored);
      const margin = Math.max(MIN_REL_IMPROVEMENT * Math.abs(best), MIN_ABS_IMPROVEMENT);
      if (best === Infinity || monitored < best - margin) {
        best = monitored;
        bestEpoch = epoch;
        sinceBest = 0;
        snapshot?.dispose();
        snapshot = weights.clone();
      } else if (++sinceBest >= opts.patience) {
        stoppedBy = valid ? 'early-stopping' : 'converged';
        break;
      } else if (sinceBest % decayEvery === 0) {
        learningRate /= 2;
        optimizer.setLearningRate(learningRate);
      }
      ctx.onProgress?.(epoch / opts.epochs);
      if (ctx.isCanceled?.()) throw new FitCanceledError();
      if (pastDeadline()) {
        stoppedBy = 'deadline';
        break;
      }
      if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }

    // The best epoch's weights when something judged them (validation, or a diverged run);
    // without validation the last weights are the most trained.
    const keep = snapshot && (valid || stoppedBy === 'diverged') ? snapshot : weights;
    const flat = new Float32Array(await keep.data());
    ctx.onProgress?.(1);
    return {
      learner: opts.learner,
      task,
      classCount,
      cols: data.x.cols,
      layers: unpackLayers(flat, layout),
      target,
      training: {
        epochs: epoch,
        bestEpoch,
        stoppedBy,
        monitor: valid ? 'valid' : 'train',
        bestLoss: best,
        trainLoss: trainCurve,
        validLoss: validCurve,
      },
    };
  } finally {
    tf.dispose([weights, ...(snapshot ? [snapshot] : []), ...(lossSum ? [lossSum] : [])]);
    if (fullBatch) tf.dispose([fullBatch.x, fullBatch.y]);
    if (valid) tf.dispose([valid.x, valid.y]);
    decay?.dispose();
    optimizer.dispose();
  }
}

/**
 * Dropout masks for one batch (0 or the inverse keep rate), drawn from our RNG so they are seeded
 * and differ between steps (tf.dropout with a fixed seed would repeat one mask). Each 32-bit draw
 * decides two units by its 16-bit halves: mask building was the fit's largest JS cost. Returned
 * as thunks so the tensors are created inside the caller's tidy.
 */
function dropoutMasks(rows: number, hidden: readonly number[], rate: number, rng: Rng): (() => tf.Tensor2D)[] {
  if (rate <= 0) return [];
  const threshold = Math.round((1 - rate) * 65536);
  const scale = 65536 / threshold; // the inverse of the keep rate these halves realize
  return hidden.map((units) => {
    const mask = new Float32Array(rows * units);
    for (let j = 0; j < mask.length; j += 2) {
      const bits = (rng.next() * 4294967296) >>> 0;
      if ((bits & 0xffff) < threshold) mask[j] = scale;
      if (bits >>> 16 < threshold && j + 1 < mask.length) mask[j + 1] = scale;
    }
    return () => tf.tensor2d(mask, [rows, units]);
  });
}

/** The unregularized loss on a whole split, without dropout (the early-stopping monitor). */
export async function meanLoss(
  task: TrainData['task'],
  classCount: number,
  split: DeviceSplit,
  weights: tf.Tensor1D,
  layout: WeightLayout,
): Promise<number> {
  const total = tf.tidy(() => {
    const layers = splitWeights(weights, layout);
    let sum: tf.Tensor = tf.scalar(0);
    for (let start = 0; start < split.rows; start += VALID_CHUNK_ROWS) {
      const size = Math.min(VALID_CHUNK_ROWS, split.rows - start);
      const x = split.rows <= VALID_CHUNK_ROWS ? split.x : tf.slice(split.x, start, size);
      const y = split.rows <= VALID_CHUNK_ROWS ? split.y : tf.slice(split.y, start, size);
      sum = tf.add(sum, tf.mul(lossFromLogits(task, forwardLogits(x, layers), y, classCount), size));
    }
    return sum;
  });
  const value = (await total.data())[0]! / split.rows;
  total.dispose();
  return value;
}
