/**
 * Training rows on the host side of the backend: checked once, targets encoded once (standardized
 * for regression, class indices for multiclass), and uploaded a batch at a time. Copying a batch's
 * rows in JS and uploading them beats tf.gather on the WASM backend by about 5×, and the whole
 * training matrix never has to live in backend memory.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitContext, TrainData } from '../types';
import type { TargetScale } from './dense-net';

/** Rows and targets as typed arrays, ready to upload. */
export interface HostSplit {
  readonly rows: number;
  readonly cols: number;
  readonly x: Float32Array;
  /** Class indices (multiclass, uploaded as a 1-D int32 tensor) or a column of floats. */
  readonly y: Float32Array | Int32Array;
}

/** A split (or batch) in backend memory: `y` is shaped as lossFromLogits expects. */
export interface DeviceSplit {
  readonly rows: number;
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor;
}

export function toHostSplit(data: TrainData, target: TargetScale): HostSplit {
  const { rows, cols, values } = data.x;
  if (data.task === 'multiclass') return { rows, cols, x: values, y: Int32Array.from(data.y) };
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) y[r] = (data.y[r]! - target.mean) / target.std;
  return { rows, cols, x: values, y };
}

/** Every row, in order. The caller disposes the tensors. */
export function uploadSplit(host: HostSplit): DeviceSplit {
  return { rows: host.rows, x: tf.tensor2d(host.x, [host.rows, host.cols]), y: uploadTargets(host.y, host.rows) };
}

/** The rows `order[start..end)`, copied into fresh arrays (the CPU backend keeps a reference). */
export function uploadRows(host: HostSplit, order: Int32Array, start: number, end: number): DeviceSplit {
  const rows = end - start;
  const { cols } = host;
  const x = new Float32Array(rows * cols);
  const y = host.y instanceof Int32Array ? new Int32Array(rows) : new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = order[start + i]!;
    x.set(host.x.subarray(r * cols, (r + 1) * cols), i * cols);
    y[i] = host.y[r]!;
  }
  return { rows, x: tf.tensor2d(x, [rows, cols]), y: uploadTargets(y, rows) };
}

function uploadTargets(y: Float32Array | Int32Array, rows: number): tf.Tensor {
  return y instanceof Int32Array ? tf.tensor1d(y, 'int32') : tf.tensor2d(y, [rows, 1]);
}

export function targetScale(y: Float64Array): TargetScale {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let variance = 0;
  for (const v of y) variance += (v - mean) ** 2;
  const std = Math.sqrt(variance / y.length);
  // A constant target has nothing to scale; 1 keeps the division finite.
  return { mean, std: std > 0 ? std : 1 };
}


export function checkTrainData(learner: string, data: TrainData, ctx: FitContext): void {
  const check = (split: TrainData, label: string): void => {
    const { rows, cols, values } = split.x;
    if (rows < 1 || cols < 1) throw new Error(`${learner}: ${label} data has no rows or no features.`);
    if (values.length !== rows * cols || split.y.length !== rows) {
      throw new Error(`${learner}: ${label} data's sizes disagree (${rows} rows × ${cols} features).`);
    }
    // The dense encoding imputes everything; a NaN here would silently poison every weight.
    for (const v of values) if (!Number.isFinite(v)) throw new Error(`${learner}: ${label} features must be finite (dense encoding).`);
    const k = split.task === 'regression' ? 0 : split.classCount;
    if (split.task === 'binary' && k !== 2) throw new Error(`${learner}: a binary task has 2 classes, got ${k}.`);
    for (const v of split.y) {
      const ok = k === 0 ? Number.isFinite(v) : Number.isInteger(v) && v >= 0 && v < k;
      if (!ok) throw new Error(`${learner}: ${label} target ${v} is not ${k === 0 ? 'finite' : `a class index below ${k}`}.`);
    }
  };
  check(data, 'training');
  if (data.task === 'multiclass' && data.classCount < 2) throw new Error(`${learner}: multiclass needs 2+ classes.`);
  if (ctx.valid) {
    if (ctx.valid.x.cols !== data.x.cols || ctx.valid.task !== data.task || ctx.valid.classCount !== data.classCount) {
      throw new Error(`${learner}: validation data does not match the training data's features or task.`);
    }
    check(ctx.valid, 'validation');
  }
}
