/**
 * The second read of a column with too many distinct values to count exactly: sums and the
 * histogram's counts only (scan.ts has its distinct count from the first read's sketch).
 */

/** acc = [sum of (v − shift), sum of its squares]. */
export function sumAndBin(
  values: Float64Array,
  shift: number,
  min: number,
  scale: number,
  bins: Int32Array,
  acc: Float64Array,
): void {
  // Two sets of counters, one for even rows and one for odd, plus a slot for missing values:
  // with no branch and no two neighbouring rows updating the same counter, this loop measured
  // about twice as fast as the plain `if (missing) continue; bins[bin]++`.
  const lane = bins.length + 1;
  const lanes = new Int32Array(2 * lane);
  sumAndBinLanes(values, shift, min, scale, lane, lanes, acc);
  for (let b = 0; b < bins.length; b++) {
    bins[b] = (bins[b] as number) + (lanes[b] as number) + (lanes[lane + b] as number);
  }
}

/**
 * The hot loop, in a function of its own (see table.ts). `lanes` holds two lanes of `lane`
 * counters: the bins, then the slot for missing values. Sums run in row order, as in the
 * other passes, so every path gives the same mean to the last bit.
 */
function sumAndBinLanes(
  values: Float64Array,
  shift: number,
  min: number,
  scale: number,
  lane: number,
  lanes: Int32Array,
  acc: Float64Array,
): void {
  const last = lane - 2;
  const missing = lane - 1;
  let sum = acc[0] as number;
  let sumSq = acc[1] as number;
  const pairs = values.length - (values.length & 1);
  for (let i = 0; i < pairs; i += 2) {
    const v0 = values[i] as number;
    const v1 = values[i + 1] as number;
    const ok0 = v0 === v0;
    const ok1 = v1 === v1;
    // Missing values add 0 and land in the missing slot.
    const d0 = ok0 ? v0 - shift : 0;
    const d1 = ok1 ? v1 - shift : 0;
    sum += d0;
    sumSq += d0 * d0;
    sum += d1;
    sumSq += d1 * d1;
    // v >= min and the product is at most the bin count, so truncation is floor.
    const k0 = ((v0 - min) * scale) | 0;
    const k1 = ((v1 - min) * scale) | 0;
    const at0 = ok0 ? (k0 > last ? last : k0) : missing;
    const at1 = lane + (ok1 ? (k1 > last ? last : k1) : missing);
    lanes[at0] = (lanes[at0] as number) + 1;
    lanes[at1] = (lanes[at1] as number) + 1;
  }
  if (pairs < values.length) {
    const v = values[pairs] as number;
    if (v === v) {
      const d = v - shift;
      sum += d;
      sumSq += d * d;
      const k = ((v - min) * scale) | 0;
      const at = k > last ? last : k;
      lanes[at] = (lanes[at] as number) + 1;
    }
  }
  acc[0] = sum;
  acc[1] = sumSq;
}
