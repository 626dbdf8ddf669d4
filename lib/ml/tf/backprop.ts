/**
 * One training step's loss and gradients for a DenseNet, derived by hand instead of by tfjs's
 * gradient tape. Why: tfjs-backend-wasm runs a matMul with a transposed operand about ten times
 * slower than a plain one (the tape's matMul gradient uses both kinds), and the tape adds
 * bookkeeping per op; explicit transposes and the closed-form output gradient (p − y for log loss
 * and cross-entropy) make an MLP step several times faster.
 *
 * Must be called inside tf.tidy: it returns tensors and leaves intermediates to the caller's scope.
 */
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../types';
import { lossFromLogits, type LayerTensors } from './dense-net';

export interface StepGradients {
  /** Mean data loss of the batch (the caller adds weight decay to the gradients). */
  readonly loss: tf.Scalar;
  /** Kernel and bias gradients, layer by layer, in the order [kernel0, bias0, kernel1, ...]. */
  readonly grads: tf.Tensor[];
}

/**
 * `masks` holds one dropout mask per hidden layer (0 or 1/keep, rows × units), or is empty.
 * `y` is a 0/1 column (binary), int32 class indices (multiclass) or a standardized column.
 */
export function lossAndGradients(
  task: Task,
  classCount: number,
  x: tf.Tensor2D,
  y: tf.Tensor,
  layers: readonly LayerTensors[],
  masks: readonly tf.Tensor2D[],
): StepGradients {
  // inputs[i] feeds layer i; relus[i] is layer i's activation before dropout (for ReLU's slope).
  const inputs: tf.Tensor2D[] = [x];
  const relus: tf.Tensor2D[] = [];
  for (let i = 0; i + 1 < layers.length; i++) {
    const layer = layers[i]!;
    const relu = tf.fused.matMul({ a: inputs[i]!, b: layer.kernel, bias: layer.bias, activation: 'relu' }) as tf.Tensor2D;
    relus.push(relu);
    const mask = masks[i];
    inputs.push(mask ? tf.mul(relu, mask) : relu);
  }
  const out = layers[layers.length - 1]!;
  const logits = tf.fused.matMul({ a: inputs[inputs.length - 1]!, b: out.kernel, bias: out.bias }) as tf.Tensor2D;
  const loss = lossFromLogits(task, logits, y, classCount);
  const dLogits = tf.mul(outputSlope(task, classCount, logits, y), 1 / x.shape[0]) as tf.Tensor2D;

  const grads: tf.Tensor[] = new Array<tf.Tensor>(layers.length * 2);
  let delta: tf.Tensor2D = dLogits;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    grads[2 * i] = tf.matMul(tf.transpose(inputs[i]!), delta);
    grads[2 * i + 1] = tf.sum(delta, 0);
    if (i > 0) {
      const dInput = tf.matMul(delta, tf.transpose(layer.kernel));
      const mask = masks[i - 1];
      // ReLU passes gradient where its output is positive; dropout scales by its own mask.
      const slope = tf.step(relus[i - 1]!);
      delta = tf.mul(dInput, mask ? tf.mul(slope, mask) : slope);
    }
  }
  return { loss, grads };
}

/**
 * d(loss)/d(logits) per row: sigmoid(z) − y for log loss, softmax(z) − onehot(y) for
 * cross-entropy, 2(z − y) for squared error.
 */
function outputSlope(task: Task, classCount: number, logits: tf.Tensor2D, y: tf.Tensor): tf.Tensor {
  if (task === 'regression') return tf.mul(tf.sub(logits, y), 2);
  if (task === 'binary') return tf.sub(tf.sigmoid(logits), y);
  return tf.sub(tf.softmax(logits), tf.oneHot(y, classCount).toFloat());
}
