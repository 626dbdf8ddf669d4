import { describe, expect, it } from 'vitest';
import { isMissingText, parseNumberText } from './number';

/** mulberry32, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(random: () => number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += Math.floor(random() * 10);
  return s;
}

/** Decimal texts of every shape a CSV writer emits, short and long, with and without exponents. */
function randomNumberText(random: () => number): string {
  const sign = ['', '-', '+'][Math.floor(random() * 3)]!;
  const intDigits = Math.floor(random() * (random() < 0.1 ? 25 : 8));
  const fracDigits = Math.floor(random() * (random() < 0.1 ? 25 : 6));
  let s = sign + digits(random, intDigits);
  if (fracDigits > 0 || random() < 0.1) s += '.' + digits(random, fracDigits);
  if (intDigits === 0 && fracDigits === 0) s += '0';
  if (random() < 0.2) s += (random() < 0.5 ? 'e' : 'E') + ['', '-', '+'][Math.floor(random() * 3)]! + Math.floor(random() * 330);
  return s;
}

describe('numbers read from bytes', () => {
  it('equal Number(text) exactly, for 200,000 random decimals', () => {
    const random = rng(42);
    for (let k = 0; k < 200_000; k++) {
      const text = randomNumberText(random);
      const got = parseNumberText(text);
      if (!Object.is(got, Number(text))) expect.fail(`${text}: got ${got}, Number() gives ${Number(text)}`);
    }
  });

  it('equal Number(String(x)) for random doubles, including the shortest round-trip forms', () => {
    const random = rng(7);
    const buffer = new Float64Array(1);
    const bits = new Uint32Array(buffer.buffer);
    for (let k = 0; k < 100_000; k++) {
      bits[0] = Math.floor(random() * 2 ** 32);
      bits[1] = Math.floor(random() * 2 ** 32);
      const x = buffer[0]!;
      if (!Number.isFinite(x)) continue;
      for (const text of [String(x), x.toFixed(Math.floor(random() * 8)), x.toPrecision(1 + Math.floor(random() * 21))]) {
        if (!Object.is(parseNumberText(text), Number(text))) expect.fail(`${text}`);
      }
    }
  });

  it('accept the forms people write', () => {
    expect(parseNumberText('1e5')).toBe(100000);
    expect(parseNumberText('-0.5')).toBe(-0.5);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('5.')).toBe(5);
    expect(parseNumberText('+3')).toBe(3);
    expect(parseNumberText('  42 ')).toBe(42);
    expect(parseNumberText('1.5E-3')).toBe(0.0015);
    expect(Object.is(parseNumberText('-0'), -0)).toBe(true);
    expect(parseNumberText('9007199254740993')).toBe(9007199254740993);
    expect(parseNumberText('0.1')).toBe(0.1);
  });

  it('reject what is not a plain decimal', () => {
    for (const text of ['1,5', 'Infinity', '-Infinity', '0x1F', '1e', 'e5', '.', '-', '+', '', '1.2.3', '12a', '1 2', '١٢', '1_000', '--1', 'NaN']) {
      expect(parseNumberText(text), text).toBeNaN();
    }
  });
});

describe('missing markers', () => {
  it('are recognised in any case and with spaces around', () => {
    for (const text of ['', '  ', 'NA', 'na', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', '?', '-', 'none', 'None', 'nil', '#N/A', ' NA ']) {
      expect(isMissingText(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('do not swallow real values', () => {
    for (const text of ['0', 'N', 'NAN!', 'nah', 'nones', 'n.a.', '--', '??', 'Null value', 'NA NA']) {
      expect(isMissingText(text), text).toBe(false);
    }
  });
});
