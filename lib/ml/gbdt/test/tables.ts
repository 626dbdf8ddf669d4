/**
 * Small generated tables with known answers for the tree learners' tests.
 */
import { createRng } from '../../rng';
import type { Matrix, Task, TrainData } from '../../types';

/** A table from a row function: `make(rng, row)` returns the features and the label. */
export function makeTable(rows: number, cols: number, task: Task, classCount: number, seed: number, make: (next: () => number, x: Float32Array) => number): TrainData {
  const rng = createRng(seed);
  const values = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const x = values.subarray(r * cols, (r + 1) * cols);
    y[r] = make(rng.next, x);
  }
  return { x: { rows, cols, values }, y, task, classCount };
}

/** Class 1 exactly when x0 + x1 > 1; three noise features. */
export function separableBinary(rows: number, seed: number): TrainData {
  return makeTable(rows, 5, 'binary', 2, seed, (next, x) => {
    for (let f = 0; f < 5; f++) x[f] = next() * 2;
    return x[0]! + x[1]! > 1 ? 1 : 0;
  });
}

/** Three classes by the angle of (x0, x1) around the centre, plus a noise feature. */
export function threeClasses(rows: number, seed: number): TrainData {
  return makeTable(rows, 3, 'multiclass', 3, seed, (next, x) => {
    for (let f = 0; f < 3; f++) x[f] = next() * 2 - 1;
    const angle = Math.atan2(x[1]!, x[0]!) + Math.PI;
    return Math.min(2, Math.floor((angle / (2 * Math.PI)) * 3));
  });
}

/** y = 3 · [x0 > 0.5] + 2 · x1 + small noise; x2 is noise. */
export function stepPlusLinear(rows: number, seed: number): TrainData {
  return makeTable(rows, 3, 'regression', 1, seed, (next, x) => {
    for (let f = 0; f < 3; f++) x[f] = next();
    return 3 * (x[0]! > 0.5 ? 1 : 0) + 2 * x[1]! + 0.05 * (next() - 0.5);
  });
}

/** Labels independent of the features: anything learnt is overfitting. */
export function pureNoise(rows: number, seed: number): TrainData {
  return makeTable(rows, 4, 'binary', 2, seed, (next, x) => {
    for (let f = 0; f < 4; f++) x[f] = next();
    return next() < 0.5 ? 1 : 0;
  });
}

export function accuracy(probabilities: Float64Array, width: number, y: Float64Array): number {
  let right = 0;
  for (let r = 0; r < y.length; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (probabilities[r * width + c]! > probabilities[r * width + best]!) best = c;
    if (best === y[r]) right++;
  }
  return right / y.length;
}

export function rSquared(predicted: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i]! - predicted[i]!) ** 2;
    ssTot += (y[i]! - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

export function rowsOf(x: Matrix, from: number, to: number): Matrix {
  return { rows: to - from, cols: x.cols, values: x.values.slice(from * x.cols, to * x.cols) };
}
