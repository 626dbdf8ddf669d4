import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { checkSpace, isQuotaError, StorageQuotaError, toStoreError } from './quota';

afterEach(() => vi.unstubAllGlobals());

const full = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('StorageQuotaError', () => {
  it('tells the user how much is needed and what to do', () => {
    const error = new StorageQuotaError(12_300_000, 4_100_000);
    expect(error.name).toBe('StorageQuotaError');
    expect(error.message).toContain('12.3 MB');
    expect(error.message).toContain('4.1 MB');
    expect(error.message).toMatch(/deleting projects/);
    expect(error.message).toMatch(/allow this site more storage/);
  });
});

describe('toStoreError', () => {
  it('recognises a quota failure however Dexie wraps it', () => {
    const wrapped = [
      full(),
      new Dexie.QuotaExceededError('full'),
      new Dexie.AbortError('Transaction aborted', full()),
      new Dexie.AbortError('Transaction aborted', new Dexie.QuotaExceededError('full', full())),
      new Error('outer', { cause: full() }),
    ];
    for (const e of wrapped) {
      const mapped = toStoreError(e, 2048);
      expect(mapped).toBeInstanceOf(StorageQuotaError);
      expect(mapped).toMatchObject({ neededBytes: 2048, cause: e });
    }
  });

  it('passes other errors through unchanged', () => {
    const other = new Dexie.ConstraintError('Key already exists');
    expect(toStoreError(other, 1)).toBe(other);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('checkSpace', () => {
  it('refuses early when usage plus the new bytes exceed the quota', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 700, quota: 1000 }) } });
    await expect(checkSpace(300)).resolves.toBeUndefined();
    const error = await checkSpace(301).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageQuotaError', neededBytes: 301, availableBytes: 300 });
  });

  it('names what would not fit when told', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 900_000, quota: 1_000_000 }) } });
    const error = await checkSpace(16_000_000, 'the model this training makes').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect((error as Error).message).toMatch(/^Not enough storage to save the model this training makes \(up to 16(\.0)? MB\)\. Only 100 kB is free\./);
  });

  it('lets the write try when the browser gives no estimate', async () => {
    vi.stubGlobal('navigator', undefined);
    await expect(checkSpace(1e12)).resolves.toBeUndefined();
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.reject(new Error('private mode')) } });
    await expect(checkSpace(1e12)).resolves.toBeUndefined();
  });
});
