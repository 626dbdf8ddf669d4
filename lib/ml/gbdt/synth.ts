/**
 * Seeded synthetic tables for the tree learners' tests and benchmark: informative and noise
 * features, a few integer-valued ones, and missing values that sometimes carry signal.
 *
 * Plain TypeScript: no Node or DOM APIs.
 */
import { createRng } from '../rng';
import type { Matrix } from '../types';

export interface SynthBinary {
  readonly x: Matrix;
  /** 0 or 1 per row. */
  readonly y: Float64Array;
}

/** Share of cells left missing in the features that have gaps. */
const MISSING_SHARE = 0.1;

/**
 * A binary table of `rows` × `cols` (cols ≥ 16): features 0–7 carry signal (linear, quadratic,
 * periodic, an interaction, a threshold), 8–11 are small integers with a step effect, the rest are
 * noise. Features 2, 5, 9 and 13 have 10% missing; where feature 2 is missing the odds rise.
 */
export function generateBinary(rows: number, cols: number, seed: number): SynthBinary {
  if (cols < 16) throw new Error('generateBinary needs at least 16 columns.');
  const rng = createRng(seed);
  const values = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let f = 0; f < cols; f++) {
      values[o + f] = f >= 8 && f < 12 ? Math.floor(rng.next() * (3 + f)) : rng.normal();
    }
    for (const f of [2, 5, 9, 13]) if (rng.next() < MISSING_SHARE) values[o + f] = NaN;
    const v = (f: number): number => values[o + f]!;
    let logit = 1.2 * v(0) - 0.8 * v(1) + Math.sin(2 * v(3)) + 0.6 * v(4) * v(6) + (v(7) > 0.5 ? 1 : -0.3);
    logit += Number.isNaN(v(2)) ? 0.8 : 0.5 * v(2) * v(2) - 0.5;
    logit += Number.isNaN(v(5)) ? 0 : 0.4 * v(5);
    logit += (v(8) >= 5 ? 0.7 : -0.2) + (Number.isNaN(v(9)) ? 0 : 0.1 * v(9) - 0.6);
    y[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: { rows, cols, values }, y };
}

/** A copy with missing cells as 0, for learners that take dense encodings (the networks), as imputation would give them. */
export function fillMissing(x: Matrix): Matrix {
  return { ...x, values: x.values.map((v) => (Number.isNaN(v) ? 0 : v)) };
}
