import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import { chooseShift, decodeFixed, decodeHistogram, encodeFixed, encodeStats } from './fixed-point';
import { addFixed } from './test/emulated-device';

/** The (lo, hi) words as the signed 64-bit integer they stand for. */
function toBigInt(words: Uint32Array, at: number): bigint {
  return BigInt.asIntN(64, (BigInt(words[at + 1]!) << 32n) | BigInt(words[at]!));
}

describe('fixed point for GPU histograms', () => {
  it('encodes integers exactly as 64-bit two’s complement, negative ones included', () => {
    const out = new Uint32Array(2);
    for (const q of [0, 1, -1, 2 ** 32 - 1, 2 ** 32, -(2 ** 32), 123456789012345, -987654321098765, 2 ** 62, -(2 ** 62)]) {
      encodeFixed(q, out, 0);
      expect(toBigInt(out, 0)).toBe(BigInt(q));
      expect(decodeFixed(out[0]!, out[1]!)).toBe(q);
    }
    encodeFixed(-2.5, out, 0);
    expect(decodeFixed(out[0]!, out[1]!)).toBe(-2);
  });

  it('chooses the largest shift whose sums cannot overflow', () => {
    for (const [maxAbs, terms] of [
      [1, 1],
      [0.25, 200_000],
      [1e-16, 3],
      [3.7e5, 1_000_000],
      [1e-300, 10],
    ] as const) {
      const shift = chooseShift(maxAbs, terms);
      // Multiplying by powers of two is exact, so these doubles test the bound itself.
      expect(terms * maxAbs * 2 ** shift).toBeLessThanOrEqual(2 ** 62);
      if (shift < 960) expect(terms * maxAbs * 2 ** (shift + 1)).toBeGreaterThan(2 ** 62);
    }
    expect(chooseShift(0, 100)).toBe(0);
    expect(chooseShift(1, 1)).toBe(62);
    expect(chooseShift(1, 4)).toBe(60);
  });

  it('adds with carries from the low word exactly as 64-bit integers, in any order', () => {
    const rng = createRng(7);
    const n = 5000;
    const values = Float64Array.from({ length: n }, () => (rng.next() - 0.45) * 1e4);
    const encoded = new Uint32Array(2 * n);
    const units = encodeStats(values, 1, n, encoded)!;
    let exact = 0n;
    for (let i = 0; i < n; i++) exact += toBigInt(encoded, 2 * i);
    const sums = [0, 1, 2].map((seed) => {
      const order = createRng(seed).shuffle(Uint32Array.from({ length: n }, (_, i) => i));
      const hist = new Uint32Array(2);
      for (const i of order) addFixed(hist, 0, encoded[2 * i]!, encoded[2 * i + 1]!);
      return toBigInt(hist, 0);
    });
    expect(sums).toEqual([exact, exact, exact]);
    // Decoded, the sum is the float64 sum's within a unit per term.
    const decoded = new Float64Array(1);
    const hist = new Uint32Array(2);
    for (let i = 0; i < n; i++) addFixed(hist, 0, encoded[2 * i]!, encoded[2 * i + 1]!);
    decodeHistogram(hist, units, 1, decoded);
    const float = values.reduce((a, b) => a + b, 0);
    expect(Math.abs(decoded[0]! - float)).toBeLessThanOrEqual(n * units[0]!);
  });

  it('scales each channel on its own and decodes entry i as channel i mod channels', () => {
    // Channel 0 ~ gradients of size 1, channel 1 ~ hessians of size 1e-3.
    const stats = Float64Array.of(0.5, 0.001, -1, 0.0005, 0.25, 0.00025);
    const encoded = new Uint32Array(12);
    const units = encodeStats(stats, 2, 3, encoded)!;
    expect(units[1]! / units[0]!).toBeCloseTo(2 ** -10, 12);
    const hist = new Float64Array(6);
    decodeHistogram(encoded, units, 2, hist);
    for (let i = 0; i < 6; i++) expect(hist[i]).toBeCloseTo(stats[i]!, 15);
  });

  it('refuses statistics that are not finite', () => {
    expect(encodeStats(Float64Array.of(1, NaN), 2, 1, new Uint32Array(4))).toBeUndefined();
    expect(encodeStats(Float64Array.of(Infinity, 1), 2, 1, new Uint32Array(4))).toBeUndefined();
  });
});
