/**
 * Small generated data sets and helpers for the TF.js learners' tests. Seeded, so every run
 * trains on the same rows.
 */
import { mlBackendFallbackReason, setMlBackend } from '../../backend';
import { createRng } from '../../rng';
import type { Matrix, Predictions, TrainData } from '../../types';

/** Starts WASM (or CPU if WASM cannot start) and says which, so a slow run can be explained. */
export async function useTestBackend(): Promise<string> {
  const backend = await setMlBackend('wasm');
  const reason = mlBackendFallbackReason();
  console.info(`TF.js backend for tests: ${backend}${reason ? ` (${reason})` : ''}`);
  return backend;
}

function matrix(rows: number, cols: number, fill: (r: number, c: number) => number): Matrix {
  const values = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = fill(r, c);
  return { rows, cols, values };
}

/** Standard-normal features and a target computed from each row. */
export function generated(
  rows: number,
  cols: number,
  seed: number,
  task: TrainData['task'],
  label: (row: Float32Array) => number,
): TrainData {
  const rng = createRng(seed);
  const x = matrix(rows, cols, () => rng.normal());
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) y[r] = label(x.values.subarray(r * cols, (r + 1) * cols));
  return { x, y, task, classCount: task === 'regression' ? 1 : task === 'binary' ? 2 : Math.max(...y) + 1 };
}

/** Three well-separated Gaussian blobs in 2-D, one per class. */
export function blobs(rows: number, seed: number): TrainData {
  const centers = [
    [-4, 0],
    [4, 0],
    [0, 5],
  ] as const;
  const rng = createRng(seed);
  const y = new Float64Array(rows).map((_, r) => r % 3);
  const x = matrix(rows, 2, (r, c) => centers[r % 3]![c]! + 0.7 * rng.normal());
  return { x, y, task: 'multiclass', classCount: 3 };
}

/** XOR of the signs of two uniform features, which no linear boundary separates. */
export function xor(rows: number, seed: number): TrainData {
  const rng = createRng(seed);
  const x = matrix(rows, 2, () => 2 * rng.next() - 1);
  const y = new Float64Array(rows).map((_, r) => (x.values[2 * r]! > 0) !== (x.values[2 * r + 1]! > 0) ? 1 : 0);
  return { x, y, task: 'binary', classCount: 2 };
}

export function accuracy(predictions: Predictions, y: Float64Array): number {
  const { rows, width, values } = predictions;
  let right = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c]! > values[r * width + best]!) best = c;
    if (best === y[r]) right++;
  }
  return right / rows;
}

export function rowSums(predictions: Predictions): number[] {
  const { rows, width, values } = predictions;
  return Array.from({ length: rows }, (_, r) => values.subarray(r * width, (r + 1) * width).reduce((a, b) => a + b, 0));
}
