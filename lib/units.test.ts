import { describe, expect, it } from 'vitest';
import { formatBytes } from './units';

describe('formatBytes', () => {
  it('formats sizes the way people read them', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(150_000_000)).toBe('150 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});
