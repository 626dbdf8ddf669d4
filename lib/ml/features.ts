/**
 * Features for a set of members that may want different encodings: both encodings side by side
 * in one matrix, with groups that span an input column's columns in each. Permuting a group (for
 * importance) then shuffles the column the same way for every member.
 */
import type { Table } from '../data/types';
import { featureLayout, transform, type FeatureGroup, type PreprocessPlan } from './preprocess';
import type { FeatureEncoding, Matrix } from './types';

export interface CombinedFeatures {
  readonly encodings: readonly FeatureEncoding[];
  readonly groups: readonly FeatureGroup[];
  /** Both encodings of `rows`, side by side. */
  build(table: Table, rows?: Int32Array): Matrix;
  /** One encoding's part of a matrix from `build`. */
  part(x: Matrix, encoding: FeatureEncoding): Matrix;
}

export function combinedFeatures(plan: PreprocessPlan, encodings: readonly FeatureEncoding[]): CombinedFeatures {
  const layouts = encodings.map((e) => featureLayout(plan, e));
  const offsets: number[] = [];
  let cols = 0;
  for (const l of layouts) {
    offsets.push(cols);
    cols += l.names.length;
  }
  const groups = plan.steps.map((step, s) => ({
    name: step.column,
    columns: layouts.flatMap((l, e) => l.groups[s]!.columns.map((c) => c + offsets[e]!)),
  }));
  return {
    encodings,
    groups,
    build(table, rows) {
      const parts = encodings.map((e) => transform(plan, table, e, rows));
      return sideBySide(parts);
    },
    part(x, encoding) {
      const e = encodings.indexOf(encoding);
      if (e < 0) throw new Error(`No ${encoding} features in this matrix.`);
      if (encodings.length === 1) return x;
      return columnsOf(x, offsets[e]!, layouts[e]!.names.length);
    },
  };
}

function sideBySide(parts: readonly Matrix[]): Matrix {
  if (parts.length === 1) return parts[0]!;
  const rows = parts[0]!.rows;
  const cols = parts.reduce((n, p) => n + p.cols, 0);
  const values = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let at = r * cols;
    for (const p of parts) {
      values.set(p.values.subarray(r * p.cols, (r + 1) * p.cols), at);
      at += p.cols;
    }
  }
  return { rows, cols, values };
}

function columnsOf(x: Matrix, start: number, width: number): Matrix {
  const values = new Float32Array(x.rows * width);
  for (let r = 0; r < x.rows; r++) values.set(x.values.subarray(r * x.cols + start, r * x.cols + start + width), r * width);
  return { rows: x.rows, cols: width, values };
}
