/**
 * A fitted dense network as plain typed arrays, and its forward pass in TF.js.
 *
 * Linear models are the same network with no hidden layer. Weights live in Float32Arrays rather
 * than tensors so a model needs no dispose, crosses a worker boundary by structured clone, and
 * serializes without touching a backend; `predictDenseNet` uploads them inside a tidy per call.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix, Predictions, Task } from '../types';

export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major inputs × outputs. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** Regression targets are trained standardized so one default learning rate fits any scale. */
export interface TargetScale {
  readonly mean: number;
  readonly std: number;
}

export const STOP_REASONS = ['max-epochs', 'early-stopping', 'converged', 'deadline', 'diverged'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export interface TrainingSummary {
  /** Epochs run, the last one possibly cut short by the deadline. */
  readonly epochs: number;
  /** The epoch (1-based) whose weights were kept; 0 if none finished. */
  readonly bestEpoch: number;
  readonly stoppedBy: StopReason;
  /** The loss early stopping watched: on ctx.valid if given, else the training loss. */
  readonly monitor: 'valid' | 'train';
  readonly bestLoss: number;
  /** Mean training loss of each epoch (as the weights moved through it), for learning curves. */
  readonly trainLoss: readonly number[];
  /** Loss on ctx.valid after each epoch; empty without validation rows. */
  readonly validLoss: readonly number[];
}

export interface DenseNet {
  readonly learner: 'linear' | 'mlp';
  readonly task: Task;
  readonly classCount: number;
  readonly cols: number;
  /** Hidden layers (ReLU) then the output layer (logits, or the standardized value). */
  readonly layers: readonly DenseLayer[];
  readonly target: TargetScale;
  readonly training: TrainingSummary;
}

export interface LayerTensors {
  readonly kernel: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/** Rows predicted per forward pass, so a million-row table never holds all activations at once. */
const PREDICT_CHUNK_ROWS = 16384;

/** Logit count of the output layer: binary needs one, multiclass one per class. */
export function outputWidth(task: Task, classCount: number): number {
  return task === 'multiclass' ? classCount : 1;
}

/** Logits (or standardized values) of the network, as used for prediction and validation. */
export function forwardLogits(x: tf.Tensor2D, layers: readonly LayerTensors[]): tf.Tensor2D {
  let h: tf.Tensor = x;
  layers.forEach((layer, i) => {
    const last = i === layers.length - 1;
    h = tf.fused.matMul({ a: h, b: layer.kernel, bias: layer.bias, activation: last ? 'linear' : 'relu' });
  });
  // fused.matMul is typed as returning a rank-less Tensor; two rank-2 operands give rank 2.
  return h as tf.Tensor2D;
}

/**
 * Mean loss of logits against targets: log loss (binary, y a 0/1 column), categorical
 * cross-entropy (multiclass, y int32 class indices) or squared error (regression, y standardized).
 */
export function lossFromLogits(task: Task, logits: tf.Tensor2D, y: tf.Tensor, classCount: number): tf.Scalar {
  return tf.tidy(() => {
    if (task === 'regression') return tf.mean(tf.squaredDifference(logits, y));
    if (task === 'binary') {
      // log(1 + e^z) − y·z; tfjs's softplus stays finite for large |z|.
      return tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, y)));
    }
    // One-hot per batch rather than for the whole table: rows × classes floats can be large.
    const oneHot = tf.oneHot(y, classCount).toFloat();
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, oneHot), 1)));
  });
}

/** Class probabilities or de-standardized values for every row of `x`. */
export async function predictDenseNet(net: DenseNet, x: Matrix): Promise<Predictions> {
  if (x.cols !== net.cols) {
    throw new Error(`${net.learner}: the model expects ${net.cols} features, got ${x.cols}.`);
  }
  const width = net.task === 'regression' ? 1 : net.classCount;
  const values = new Float64Array(x.rows * width);
  const weights = net.layers.map((l) => layerTensors(l));
  try {
    for (let start = 0; start < x.rows; start += PREDICT_CHUNK_ROWS) {
      const end = Math.min(x.rows, start + PREDICT_CHUNK_ROWS);
      const out = tf.tidy(() => {
        const xs = tf.tensor2d(x.values.subarray(start * x.cols, end * x.cols), [end - start, x.cols]);
        const logits = forwardLogits(xs, weights);
        if (net.task === 'binary') return tf.sigmoid(logits);
        if (net.task === 'multiclass') return tf.softmax(logits);
        return logits;
      });
      const chunk = await out.data();
      out.dispose();
      writeChunk(net, chunk, values, start * width);
    }
  } finally {
    for (const w of weights) tf.dispose([w.kernel, w.bias]);
  }
  return { rows: x.rows, width, values };
}

export function layerTensors(layer: DenseLayer): LayerTensors {
  return {
    kernel: tf.tensor2d(layer.kernel, [layer.inputs, layer.outputs]),
    bias: tf.tensor1d(layer.bias),
  };
}

function writeChunk(net: DenseNet, chunk: ArrayLike<number>, values: Float64Array, offset: number): void {
  if (net.task === 'binary') {
    for (let r = 0; r < chunk.length; r++) {
      const p = chunk[r]!;
      values[offset + 2 * r] = 1 - p;
      values[offset + 2 * r + 1] = p;
    }
  } else if (net.task === 'multiclass') {
    // Softmax in float32 sums to 1 within ~1e-7; renormalizing in float64 makes it exact enough
    // for metrics that check it.
    const k = net.classCount;
    for (let r = 0; r < chunk.length / k; r++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += chunk[r * k + c]!;
      for (let c = 0; c < k; c++) values[offset + r * k + c] = chunk[r * k + c]! / sum;
    }
  } else {
    const { mean, std } = net.target;
    for (let r = 0; r < chunk.length; r++) values[offset + r] = chunk[r]! * std + mean;
  }
}
