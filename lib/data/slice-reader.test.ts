import { describe, expect, it } from 'vitest';
import { SliceReader } from './slice-reader';

describe('SliceReader', () => {
  it('returns every byte once, in order, in slices', async () => {
    const bytes = new Uint8Array(10_000).map((_, i) => i % 251);
    const reader = new SliceReader(new Blob([bytes]), 3_000, 3);
    const sizes: number[] = [];
    const out = new Uint8Array(bytes.length);
    let offset = 0;
    for (let slice = await reader.next(); slice; slice = await reader.next()) {
      sizes.push(slice.length);
      out.set(slice, offset);
      offset += slice.length;
    }
    expect(sizes).toEqual([3_000, 3_000, 3_000, 1_000]);
    expect(out).toEqual(bytes);
  });

  it('ends at once for an empty blob', async () => {
    expect(await new SliceReader(new Blob([]), 1024, 2).next()).toBeUndefined();
  });
});
