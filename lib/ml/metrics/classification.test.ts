import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import { LOG_LOSS_EPSILON, accuracy, balancedAccuracy, logLoss, macroF1, rankAuc, rocAuc } from './classification';
import { predictedClass } from './predictions';

/** Row-major class probabilities from rows of numbers. */
function probs(rows: number[][]): Predictions {
  const width = rows[0]?.length ?? 2;
  return { rows: rows.length, width, values: Float64Array.from(rows.flat()) };
}
/** Binary predictions from the positive-class probability alone. */
function binary(p1: number[]): Predictions {
  return probs(p1.map((p) => [1 - p, p]));
}
/** One-hot predictions of the given classes, so argmax is exactly `classes`. */
function oneHot(classes: number[], k: number): Predictions {
  return probs(classes.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0))));
}
const y = (values: number[]): Float64Array => Float64Array.from(values);

// The multiclass example shared below. Rows sum to 1; row 5 ties classes 0 and 1 (argmax → 0).
const Y3 = y([0, 1, 2, 2, 1, 0]);
const P3 = probs([
  [0.7, 0.2, 0.1],
  [0.3, 0.4, 0.3],
  [0.2, 0.3, 0.5],
  [0.1, 0.6, 0.3],
  [0.5, 0.3, 0.2],
  [0.4, 0.4, 0.2],
]);

describe('roc_auc', () => {
  it('counts ties as one half (Mann–Whitney)', () => {
    // Positives score 0.35, 0.8, 0.4; negatives 0.1, 0.4, 0.4. Pairs won: 0.35 → 1, 0.8 → 3,
    // 0.4 → 1 + ½ + ½ = 2. AUC = 6 / 9 = 0.6667 (sklearn agrees).
    expect(rocAuc(y([0, 0, 1, 1, 0, 1]), binary([0.1, 0.4, 0.35, 0.8, 0.4, 0.4]))).toBeCloseTo(2 / 3, 12);
    // scikit-learn's docstring example: 3 of 4 pairs ordered right.
    expect(rocAuc(y([0, 0, 1, 1]), binary([0.1, 0.4, 0.35, 0.8]))).toBeCloseTo(0.75, 12);
  });

  it('is 1 for a perfect classifier, 0 for an inverted one, ½ for a constant one', () => {
    const labels = y([0, 1, 0, 1, 1]);
    expect(rocAuc(labels, binary([0.1, 0.9, 0.2, 0.8, 0.7]))).toBe(1);
    expect(rocAuc(labels, binary([0.9, 0.1, 0.8, 0.2, 0.3]))).toBe(0);
    expect(rocAuc(labels, binary([0.5, 0.5, 0.5, 0.5, 0.5]))).toBe(0.5);
  });

  it('is NaN with one class present, since no pair can be ordered', () => {
    expect(rocAuc(y([1, 1, 1]), binary([0.2, 0.5, 0.9]))).toBeNaN();
    expect(rankAuc([0.1, NaN], Uint8Array.from([0, 1]))).toBeNaN();
  });

  it('averages one-vs-rest AUCs for multiclass', () => {
    // Class 0: positives 0.7, 0.4 vs 0.3, 0.2, 0.1, 0.5 → (4 + 3) / 8 = 0.875.
    // Class 1: positives 0.4, 0.3 vs 0.2, 0.3, 0.6, 0.4 → (2.5 + 1.5) / 8 = 0.5.
    // Class 2: positives 0.5, 0.3 vs 0.1, 0.3, 0.2, 0.2 → (4 + 3.5) / 8 = 0.9375.
    // Mean 2.3125 / 3 = 0.770833 (sklearn multi_class='ovr', average='macro': 0.7708333333333334).
    expect(rocAuc(Y3, P3)).toBeCloseTo(0.7708333333333334, 12);
  });
});

describe('log_loss', () => {
  it('is the mean negative log probability of the true class', () => {
    // −(ln 0.8 + ln 0.7 + ln 0.9) / 3 = (0.223144 + 0.356675 + 0.105361) / 3 = 0.228393.
    expect(logLoss(y([0, 1, 1]), binary([0.2, 0.7, 0.9]))).toBeCloseTo(0.22839300363692283, 12);
    // sklearn log_loss on the multiclass example: 0.8817248661498099.
    expect(logLoss(Y3, P3)).toBeCloseTo(0.8817248661498099, 12);
  });

  it('clips probabilities to [1e-15, 1 − 1e-15] so a confident mistake stays finite', () => {
    // Row 0 is right with p = 1 → −ln(1 − 1e-15) ≈ 1e-15; row 1 is wrong with p = 0 → −ln(1e-15)
    // = 15 ln 10 = 34.538776. Mean ≈ 17.269388. (sklearn 1.2 also renormalises rows after
    // clipping and gets 18.02 here; we clip only, as rows already sum to 1.)
    const loss = logLoss(y([1, 0]), binary([1, 1]));
    expect(loss).toBeCloseTo((15 * Math.LN10) / 2, 9);
    expect(-Math.log(LOG_LOSS_EPSILON)).toBeCloseTo(34.538776394910684, 9);
  });
});

describe('accuracy and argmax', () => {
  it('breaks argmax ties toward the lower class index', () => {
    expect(predictedClass(P3, 5)).toBe(0);
    expect(predictedClass(binary([0.5]), 0)).toBe(0);
    // Predicted [0, 1, 2, 1, 0, 0] vs true [0, 1, 2, 2, 1, 0]: 4 of 6 right.
    expect(accuracy(Y3, P3)).toBeCloseTo(4 / 6, 12);
  });

  it('rejects labels that are not class indices', () => {
    expect(() => accuracy(y([0, 2]), binary([0.1, 0.9]))).toThrow(/class index/);
    expect(() => accuracy(y([0]), binary([0.1, 0.9]))).toThrow(/disagree/);
  });
});

describe('balanced_accuracy', () => {
  it('sees through a majority-class predictor on imbalanced data', () => {
    // 8 zeros, 2 ones, always predicting 0: accuracy 0.8, but recalls are 1 and 0 → 0.5.
    const labels = y([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const always0 = oneHot(Array<number>(10).fill(0), 2);
    expect(accuracy(labels, always0)).toBeCloseTo(0.8, 12);
    expect(balancedAccuracy(labels, always0)).toBeCloseTo(0.5, 12);
  });

  it('averages per-class recall', () => {
    // Recalls: class 0 5/6, class 1 1/2, class 2 2/2 → (5/6 + 1/2 + 1) / 3 = 7/9 = 0.7778;
    // plain accuracy is 8/10 (sklearn: 0.7777777777777778, 0.8).
    const labels = y([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
    const predicted = oneHot([0, 0, 0, 0, 0, 1, 1, 0, 2, 2], 3);
    expect(balancedAccuracy(labels, predicted)).toBeCloseTo(7 / 9, 12);
    expect(accuracy(labels, predicted)).toBeCloseTo(0.8, 12);
    // Multiclass example: recalls 2/2, 1/2, 1/2 → 2/3 (sklearn 0.6666666666666666).
    expect(balancedAccuracy(Y3, P3)).toBeCloseTo(2 / 3, 12);
  });
});

describe('macro_f1', () => {
  it('gives F1 = 0 to a class that is never predicted', () => {
    // True [0,0,1,1,2,2], predicted [0,0,1,1,1,1]: F1 class 0 = 1; class 1 = 2·2/(2+4) = 2/3;
    // class 2 = 0 (never predicted). Mean 5/9 = 0.5556 (sklearn 0.5555555555555555).
    expect(macroF1(y([0, 0, 1, 1, 2, 2]), oneHot([0, 0, 1, 1, 1, 1], 3))).toBeCloseTo(5 / 9, 12);
  });

  it('leaves out a class that is neither true nor predicted', () => {
    // Width 3 but class 2 never appears: F1 of classes 0 and 1 only, both perfect.
    expect(macroF1(y([0, 1, 1]), oneHot([0, 1, 1], 3))).toBe(1);
    // Multiclass example: F1 = 2·2/(2+3) = 0.8, 2·1/(2+2) = 0.5, 2·1/(2+1) = 2/3 → 0.655556.
    expect(macroF1(Y3, P3)).toBeCloseTo(0.6555555555555556, 12);
  });

  it('is NaN on zero rows, like every metric with nothing to score', () => {
    const empty = { rows: 0, width: 2, values: new Float64Array(0) };
    for (const score of [macroF1, accuracy, balancedAccuracy, logLoss, rocAuc]) expect(score(y([]), empty)).toBeNaN();
  });
});
