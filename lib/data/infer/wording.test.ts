import { describe, expect, it } from 'vitest';
import { formatCount } from './wording';

describe('formatCount', () => {
  it('groups digits as toLocaleString("en-US") does', () => {
    const samples = [0, -0, 7, 999, 1000, -1234, 1_234_567, 98_765_432_101, Number.MAX_SAFE_INTEGER, 1234.5678, 1e21, Number.NaN];
    for (const n of samples) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
