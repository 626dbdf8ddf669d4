import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { prCurve, rocCurve } from './curves';
import { downsampleIndices } from './plain';

const y = (values: number[]): Float64Array => Float64Array.from(values);

describe('rocCurve', () => {
  it('has one point per distinct score, from (0, 0) to (1, 1)', () => {
    // sklearn roc_curve(drop_intermediate=False): fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1].
    const roc = rocCurve(y([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8]);
    expect(roc?.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc?.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(roc?.thresholds).toEqual([null, 0.8, 0.4, 0.35, 0.1]);
    expect(roc?.auc).toBeCloseTo(0.75, 12);
  });

  it('moves tied scores together, diagonally', () => {
    // Scores 0.4 hold two negatives and a positive: one step from (0, 1/3) to (2/3, 2/3).
    const roc = rocCurve(y([0, 0, 1, 1, 0, 1]), [0.1, 0.4, 0.35, 0.8, 0.4, 0.4]);
    expect(roc?.fpr).toEqual([0, 0, 2 / 3, 2 / 3, 1]);
    expect(roc?.tpr).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
  });

  it('thins a long curve to at most 200 points and keeps both ends', () => {
    const rng = createRng(3);
    const n = 5000;
    const labels = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const scores = Float64Array.from(labels, (label) => 0.3 * label + 0.7 * rng.next());
    const roc = rocCurve(labels, scores);
    expect(roc?.fpr.length).toBeLessThanOrEqual(200);
    expect([roc?.fpr[0], roc?.tpr[0]]).toEqual([0, 0]);
    expect([roc?.fpr.at(-1), roc?.tpr.at(-1)]).toEqual([1, 1]);
    const fpr = roc?.fpr ?? [];
    expect(fpr.every((v, i) => i === 0 || v >= fpr[i - 1]!)).toBe(true);
  });

  it('has no curve without both classes', () => {
    expect(rocCurve(y([1, 1]), [0.2, 0.8])).toBeUndefined();
    expect(rocCurve(y([0, 1]), [NaN, 0.8])).toBeUndefined();
  });
});

describe('prCurve', () => {
  it('starts at (recall 0, precision 1) and computes average precision step-wise', () => {
    // Thresholds 0.8, 0.4, 0.35, 0.1 → (R, P) = (.5, 1), (.5, .5), (1, 2/3), (1, .5).
    // AP = .5·1 + 0·.5 + .5·(2/3) + 0·.5 = 0.8333 (sklearn average_precision_score 0.8333).
    const pr = prCurve(y([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8]);
    expect(pr?.recall).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(pr?.precision).toEqual([1, 1, 0.5, 2 / 3, 0.5]);
    expect(pr?.averagePrecision).toBeCloseTo(5 / 6, 12);
  });

  it('handles ties like scikit-learn', () => {
    // (R, P) = (1/3, 1), (2/3, .5), (1, .6), (1, .5) → AP = (1 + .5 + .6) / 3 = 0.7 (sklearn 0.7).
    expect(prCurve(y([0, 0, 1, 1, 0, 1]), [0.1, 0.4, 0.35, 0.8, 0.4, 0.4])?.averagePrecision).toBeCloseTo(0.7, 12);
  });

  it('has no curve without positives', () => {
    expect(prCurve(y([0, 0]), [0.2, 0.8])).toBeUndefined();
  });
});

describe('downsampleIndices', () => {
  it('keeps everything when short, else evenly spaced indices with both ends', () => {
    expect(downsampleIndices(3, 5)).toEqual([0, 1, 2]);
    expect(downsampleIndices(10, 4)).toEqual([0, 3, 6, 9]);
    const many = downsampleIndices(100_001, 200);
    expect(many).toHaveLength(200);
    expect(new Set(many).size).toBe(200);
    expect([many[0], many.at(-1)]).toEqual([0, 100_000]);
  });
});
