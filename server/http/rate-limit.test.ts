import { describe, expect, it } from 'vitest';
import { AddressRateLimit } from './rate-limit';

describe('AddressRateLimit', () => {
  it('allows a minute’s worth at once, then refills with time, per address', () => {
    const limit = new AddressRateLimit(3);
    const t = 1_000_000;
    expect([limit.take('a', t), limit.take('a', t), limit.take('a', t), limit.take('a', t)]).toEqual([true, true, true, false]);
    expect(limit.take('b', t)).toBe(true);
    expect(limit.take('a', t + 10_000)).toBe(false);
    expect(limit.take('a', t + 20_000)).toBe(true);
  });
});
