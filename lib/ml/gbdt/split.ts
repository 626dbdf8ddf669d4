/**
 * The best split of one node from its histogram.
 *
 * A node's score is Σ_c T(G_c)² / (H + λ) over its gradient channels, with T the L1 soft
 * threshold: for gbdt (one channel, g and h of the loss) that is XGBoost's structure score; for a
 * forest (channels = class weights, or weighted targets, λ = 0) it is the Gini or variance
 * reduction. A split's gain is the children's scores minus the parent's.
 *
 * Missing values (bin 0) are tried on both sides of every threshold and go where the gain is
 * higher; the split "missing vs present" is tried too. With no missing rows in the node, unseen
 * missing values follow the heavier child.
 */
import type { HistogramLayout } from './histogram';

export interface SplitParams {
  readonly lambda: number;
  readonly alpha: number;
  readonly minChildWeight: number;
}

export interface Split {
  gain: number;
  feature: number;
  /** Value bins 1..threshold go left; `threshold` may equal the bin count ("every value left"). */
  threshold: number;
  defaultLeft: boolean;
  /** Statistics of the left child, `channels` values (weight last). */
  readonly left: Float64Array;
}

export function createSplit(channels: number): Split {
  return { gain: 0, feature: -1, threshold: 0, defaultLeft: false, left: new Float64Array(channels) };
}

/** L1 soft threshold (XGBoost's ThresholdL1). */
export function thresholdL1(g: number, alpha: number): number {
  return g > alpha ? g - alpha : g < -alpha ? g + alpha : 0;
}

/** Score of a node with statistics `s` (channels, weight last). */
export function nodeScore(s: Float64Array, params: SplitParams): number {
  const c = s.length - 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    const t = thresholdL1(s[k]!, params.alpha);
    sum += t * t;
  }
  return sum / (s[c]! + params.lambda);
}

/**
 * Finds the best split among `features` (feature indices) with gain above
 * minGain + minGainShare × (node weight + node score), writing it into `out`. Returns false when
 * no split qualifies. The share part scales with the node, so that rounding noise on a pure node
 * (children's scores summing to the parent's) never passes for a gain.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  counts: Uint16Array,
  features: Int32Array,
  featureCount: number,
  total: Float64Array,
  params: SplitParams,
  minGain: number,
  minGainShare: number,
  out: Split,
): boolean {
  const parentScore = nodeScore(total, params);
  out.gain = minGain + minGainShare * (total[total.length - 1]! + Math.abs(parentScore));
  out.feature = -1;
  const found =
    layout.channels === 2
      ? scanTwo(hist, layout, counts, features, featureCount, total, params, parentScore, out)
      : scanAny(hist, layout, counts, features, featureCount, total, params, parentScore, out);
  return found;
}

function scanTwo(
  hist: Float64Array,
  layout: HistogramLayout,
  counts: Uint16Array,
  features: Int32Array,
  featureCount: number,
  total: Float64Array,
  params: SplitParams,
  parentScore: number,
  out: Split,
): boolean {
  const { lambda, alpha, minChildWeight: mcw } = params;
  const G = total[0]!;
  const H = total[1]!;
  let best = out.gain + parentScore;
  let bestFeature = -1;
  let bestThreshold = 0;
  let bestDefaultLeft = false;
  let bestGl = 0;
  let bestHl = 0;
  for (let j = 0; j < featureCount; j++) {
    const f = features[j]!;
    const off = layout.offsets[f]!;
    const nb = counts[f]!;
    const gm = hist[off]!;
    const hm = hist[off + 1]!;
    let gl = 0;
    let hl = 0;
    for (let t = 1, i = off + 2; t < nb; t++, i += 2) {
      gl += hist[i]!;
      hl += hist[i + 1]!;
      // Missing right.
      let hr = H - hl;
      if (hl >= mcw && hr >= mcw) {
        const tl = thresholdL1(gl, alpha);
        const tr = thresholdL1(G - gl, alpha);
        const s = (tl * tl) / (hl + lambda) + (tr * tr) / (hr + lambda);
        if (s > best) {
          best = s;
          bestFeature = f;
          bestThreshold = t;
          bestDefaultLeft = false;
          bestGl = gl;
          bestHl = hl;
        }
      }
      if (hm > 0) {
        // Missing left.
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        hr = H - hl2;
        if (hl2 >= mcw && hr >= mcw) {
          const tl = thresholdL1(gl2, alpha);
          const tr = thresholdL1(G - gl2, alpha);
          const s = (tl * tl) / (hl2 + lambda) + (tr * tr) / (hr + lambda);
          if (s > best) {
            best = s;
            bestFeature = f;
            bestThreshold = t;
            bestDefaultLeft = true;
            bestGl = gl2;
            bestHl = hl2;
          }
        }
      }
    }
    if (hm > 0) {
      // Every present value left, missing right.
      const hl2 = H - hm;
      if (hl2 >= mcw && hm >= mcw) {
        const tl = thresholdL1(G - gm, alpha);
        const tr = thresholdL1(gm, alpha);
        const s = (tl * tl) / (hl2 + lambda) + (tr * tr) / (hm + lambda);
        if (s > best) {
          best = s;
          bestFeature = f;
          bestThreshold = nb;
          bestDefaultLeft = false;
          bestGl = G - gm;
          bestHl = hl2;
        }
      }
    }
  }
  if (bestFeature < 0) return false;
  out.gain = best - parentScore;
  out.feature = bestFeature;
  out.threshold = bestThreshold;
  // No missing rows seen: unseen ones follow the heavier side.
  const hm = hist[layout.offsets[bestFeature]! + 1]!;
  out.defaultLeft = hm > 0 ? bestDefaultLeft : bestHl >= H - bestHl;
  out.left[0] = bestGl;
  out.left[1] = bestHl;
  return true;
}

function scanAny(
  hist: Float64Array,
  layout: HistogramLayout,
  counts: Uint16Array,
  features: Int32Array,
  featureCount: number,
  total: Float64Array,
  params: SplitParams,
  parentScore: number,
  out: Split,
): boolean {
  const c = layout.channels;
  const w = c - 1;
  const left = new Float64Array(c);
  const withMissing = new Float64Array(c);
  const right = new Float64Array(c);
  let best = out.gain + parentScore;
  let found = false;
  const consider = (l: Float64Array, f: number, t: number, defaultLeft: boolean): void => {
    for (let k = 0; k < c; k++) right[k] = total[k]! - l[k]!;
    if (l[w]! < params.minChildWeight || right[w]! < params.minChildWeight) return;
    const s = nodeScore(l, params) + nodeScore(right, params);
    if (s <= best) return;
    best = s;
    found = true;
    out.feature = f;
    out.threshold = t;
    out.defaultLeft = defaultLeft;
    out.left.set(l);
  };
  for (let j = 0; j < featureCount; j++) {
    const f = features[j]!;
    const off = layout.offsets[f]!;
    const nb = counts[f]!;
    const hm = hist[off + w]!;
    left.fill(0);
    for (let t = 1; t < nb; t++) {
      for (let k = 0; k < c; k++) left[k] = left[k]! + hist[off + t * c + k]!;
      consider(left, f, t, false);
      if (hm > 0) {
        for (let k = 0; k < c; k++) withMissing[k] = left[k]! + hist[off + k]!;
        consider(withMissing, f, t, true);
      }
    }
    if (hm > 0) {
      for (let k = 0; k < c; k++) withMissing[k] = total[k]! - hist[off + k]!;
      consider(withMissing, f, nb, false);
    }
  }
  if (!found) return false;
  out.gain = best - parentScore;
  if (hist[layout.offsets[out.feature]! + w]! <= 0) out.defaultLeft = out.left[w]! >= total[w]! - out.left[w]!;
  return true;
}
