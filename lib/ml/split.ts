/**
 * Seeded splits of a table's labelled rows: a holdout (test rows never seen by a fit, or
 * validation rows for a trial) and k folds for small data. Classification splits are stratified,
 * so that a rare class lands on both sides when it can.
 */
import type { Task } from '../data/types';
import { createRng } from './rng';

export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Splits `rows` (table row indices) so that about `fraction` of them, at least one, are held out. */
export function holdoutSplit(rows: Int32Array, y: Float64Array, task: Task, fraction: number, seed: number): Split {
  const rng = createRng(seed);
  const test: number[] = [];
  const train: number[] = [];
  for (const stratum of strata(rows, y, task)) {
    rng.shuffle(stratum);
    // A class with a single row stays in training: it cannot be learnt and tested both.
    const held = stratum.length < 2 ? 0 : Math.max(1, Math.round(stratum.length * fraction));
    test.push(...stratum.slice(0, held));
    train.push(...stratum.slice(held));
  }
  if (test.length === 0 && train.length > 1) test.push(train.pop()!);
  return { train: sorted(train), test: sorted(test) };
}

/** k folds over `rows`: each row is in exactly one fold's `test` part. */
export function kFolds(rows: Int32Array, y: Float64Array, task: Task, k: number, seed: number): Split[] {
  const rng = createRng(seed);
  const buckets: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const stratum of strata(rows, y, task)) {
    rng.shuffle(stratum);
    // Dealt round-robin, continuing across strata, so that folds stay within one row of each other.
    for (const row of stratum) buckets[next++ % k]!.push(row);
  }
  return buckets.map((bucket, f) => ({ test: sorted(bucket), train: sorted(buckets.flatMap((b, g) => (g === f ? [] : b))) }));
}

/** Rows grouped by class for classification; one group for regression. */
function strata(rows: Int32Array, y: Float64Array, task: Task): number[][] {
  if (task === 'regression') return [Array.from(rows)];
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const c = y[r]!;
    const group = groups.get(c);
    if (group) group.push(r);
    else groups.set(c, [r]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((c) => groups.get(c)!);
}

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}
