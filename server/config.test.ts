import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readServerConfig } from './config';

describe('server config', () => {
  it('needs no settings', () => {
    const config = readServerConfig({}, '/srv/loopbook');
    expect(config).toEqual({ port: 3000, host: 'localhost', dataDir: '/srv/loopbook/.loopbook-data', blobsDir: '/srv/loopbook/.loopbook-data/blobs', redisUrl: undefined, limits: DEFAULT_LIMITS });
  });

  it('reads every setting from the environment', () => {
    const config = readServerConfig({ PORT: '8080', HOST: '0.0.0.0', LOOPBOOK_DATA: 'data', LOOPBOOK_BLOBS_DIR: '/shared/blobs', LOOPBOOK_REDIS_URL: 'redis://r:6379', LOOPBOOK_MAX_BLOB_MB: '2', LOOPBOOK_MAX_MESSAGES_PER_S: '10' }, '/srv');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/data');
    expect(config.blobsDir).toBe('/shared/blobs');
    expect(config.redisUrl).toBe('redis://r:6379');
    expect(config.limits.maxBlobBytes).toBe(2 * 1024 * 1024);
    expect(config.limits.messagesPerSecond).toBe(10);
  });

  it('refuses a bad value by name', () => {
    expect(() => readServerConfig({ PORT: 'eighty' }, '/')).toThrow(/PORT must be a positive number/);
    expect(() => readServerConfig({ LOOPBOOK_MAX_BLOB_MB: '-1' }, '/')).toThrow(/LOOPBOOK_MAX_BLOB_MB/);
  });
});
