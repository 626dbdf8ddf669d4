import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIngestService, KEPT_JOBS, MAX_ROWS_PER_PAGE } from './ingest-service';

const PENGUINS = new Blob([readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url))]);

describe('ingest service (the worker API, without a worker)', () => {
  it('imports a file, then serves pages of rows and re-analyzes with overrides', async () => {
    const service = createIngestService(async () => undefined);
    const summary = await service.importBlob('job-1', PENGUINS, {});
    expect(service.progress('job-1')).toMatchObject({ phase: 'done', rows: 344, bytesRead: PENGUINS.size });
    expect(service.isLoaded(summary.hash)).toBe(true);

    const page = await service.rows(summary.hash, 0, 2);
    expect(page).toEqual([
      ['Adelie', 'Torgersen', '39.1', '18.7', '181', '3750', 'MALE'],
      ['Adelie', 'Torgersen', '39.5', '17.4', '186', '3800', 'FEMALE'],
    ]);
    // Row 4 of penguins.csv is missing its measurements: they come back as null, not "NaN".
    expect((await service.rows(summary.hash, 3, 1))[0]?.slice(2, 4)).toEqual([null, null]);
    expect(await service.rows(summary.hash, 0, 1_000_000)).toHaveLength(Math.min(344, MAX_ROWS_PER_PAGE));

    const analysis = await service.analyze(summary.hash, { 'Body Mass (g)': { type: 'categorical' }, Island: { included: false } }, 'Sex');
    expect(analysis.schema.find((c) => c.name === 'Body Mass (g)')?.type).toBe('categorical');
    expect(analysis.schema.find((c) => c.name === 'Island')?.included).toBe(false);
    expect(analysis.label).toBe('Sex');
    // Sex holds MALE, FEMALE and one stray "." in this file: the rare class is called out.
    expect(analysis.task.task).toBe('multiclass');
    expect(analysis.warnings.map((w) => w.code)).toContain('label-rare-classes');
  });

  it('re-opens a stored dataset from its blob, and says so when the blob is gone', async () => {
    const service = createIngestService(async (hash) => (hash === 'known' ? PENGUINS : undefined));
    const summary = await service.openStored('job-2', 'known', {});
    expect(summary.rowCount).toBe(344);
    await expect(service.openStored('job-3', 'gone', {})).rejects.toMatchObject({ name: 'DatasetMissingError' });
    service.forget(summary.hash);
    await expect(service.rows(summary.hash, 0, 1)).rejects.toMatchObject({ name: 'DatasetMissingError' });
  });

  it('cancels a running import', async () => {
    const service = createIngestService(async () => undefined);
    const running = service.importBlob('job-4', new Blob(['a,b\n', '1,2\n'.repeat(3_000_000)]), {});
    service.cancel('job-4');
    await expect(running).rejects.toMatchObject({ name: 'ImportCanceledError' });
    expect(service.progress('job-4')?.phase).toBe('canceled');
  });

  it('forgets the progress of old jobs, not of recent ones', async () => {
    const service = createIngestService(async () => undefined);
    const small = new Blob(['a,b\n1,2\n']);
    for (let i = 0; i <= KEPT_JOBS; i++) await service.importBlob(`job-${i}`, small, {});
    expect(service.progress('job-0')).toBeUndefined();
    expect(service.progress(`job-${KEPT_JOBS}`)?.phase).toBe('done');
  });
});
