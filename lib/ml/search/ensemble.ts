/**
 * Greedy ensemble selection (Caruana et al., 2004): start from the best trial and repeatedly add,
 * with replacement, the trial whose predictions most improve the metric of the averaged
 * validation predictions. Weights are how often each trial was picked.
 */
import { METRICS, toLoss, type MetricName } from '../metrics';
import type { Predictions } from '../types';

/** Rounds of selection: enough for weights in twentieths, few enough to stay cheap. */
const ROUNDS = 20;

export interface EnsembleChoice {
  /** Index into the candidates → times picked. */
  readonly weights: ReadonlyMap<number, number>;
  readonly loss: number;
}

export function selectEnsemble(candidates: readonly Predictions[], y: Float64Array, metric: MetricName): EnsembleChoice {
  const first = candidates[0];
  if (!first) throw new Error('An ensemble needs at least one candidate.');
  const lossOf = (p: Predictions) => toLoss(metric, METRICS[metric].score(y, p));
  const sum = new Float64Array(first.values.length);
  const weights = new Map<number, number>();
  let count = 0;
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let pick = -1;
    let pickLoss = Infinity;
    candidates.forEach((c, k) => {
      const trial = new Float64Array(sum.length);
      for (let i = 0; i < sum.length; i++) trial[i] = (sum[i]! + c.values[i]!) / (count + 1);
      const loss = lossOf({ rows: c.rows, width: c.width, values: trial });
      if (loss < pickLoss) {
        pickLoss = loss;
        pick = k;
      }
    });
    // Stop once adding anything makes it worse: more rounds would only dilute the weights.
    if (pick < 0 || (count > 0 && pickLoss > best)) break;
    const chosen = candidates[pick]!;
    for (let i = 0; i < sum.length; i++) sum[i]! += chosen.values[i]!;
    count++;
    best = Math.min(best, pickLoss);
    weights.set(pick, (weights.get(pick) ?? 0) + 1);
  }
  return { weights, loss: best };
}
