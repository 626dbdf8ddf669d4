import { describe, expect, it } from 'vitest';
import { assertImportable, FileTooLargeError, maxImportBytes } from './limits';

describe('import size limit', () => {
  it('follows the smallest memory hint', () => {
    const fourGiB = 4 * 1024 ** 3;
    expect(maxImportBytes({ heapLimitBytes: fourGiB })).toBe(fourGiB / 2);
    expect(maxImportBytes({ heapLimitBytes: fourGiB, deviceMemoryGiB: 2 })).toBe(1024 ** 3 / 2);
  });

  it('refuses a file over the limit before reading it, saying how big and what to do', () => {
    const hints = { heapLimitBytes: 1024 ** 3 };
    expect(() => assertImportable(600 * 1024 ** 2, hints)).toThrow(FileTooLargeError);
    try {
      assertImportable(600 * 1024 ** 2, hints);
    } catch (e) {
      expect((e as Error).name).toBe('FileTooLargeError');
      expect((e as Error).message).toMatch(/629 MB.*537 MB.*Split/);
    }
    expect(() => assertImportable(100 * 1024 ** 2, hints)).not.toThrow();
  });
});
