import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportCanceledError, ingestBlob, READ_SLICE_BYTES } from './ingest';

const PENGUINS = readFileSync(new URL('../../public/samples/penguins.csv', import.meta.url));

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('ingestBlob', () => {
  it('identifies a dataset by the SHA-256 of its bytes, on both hashing paths', async () => {
    const blob = new Blob([PENGUINS]);
    const native = await ingestBlob(blob);
    const streamed = await ingestBlob(blob, {}, { isCanceled: () => false, onProgress: () => {}, nativeDigestMaxBytes: 0 });
    expect(native.summary.hash).toBe(sha256(PENGUINS));
    expect(streamed.summary.hash).toBe(native.summary.hash);
  });

  it('parses, profiles and suggests the label in one call', async () => {
    const { summary, table } = await ingestBlob(new Blob([PENGUINS]));
    expect(table.rowCount).toBe(344);
    expect(summary.columnCount).toBe(7);
    expect(summary.label).toBe('Species');
    expect(summary.task.task).toBe('multiclass');
    expect(summary.parse.format).toBe('csv');
  });

  it('reports progress by bytes and rows, and stops when canceled', async () => {
    const rows = ['a,b'];
    for (let i = 0, length = 3; length < READ_SLICE_BYTES * 2.5; i++) {
      const row = `${i},${i * 2}`;
      rows.push(row);
      length += row.length + 1;
    }
    const blob = new Blob([rows.join('\n')]);
    const seen: number[] = [];
    await ingestBlob(blob, {}, { isCanceled: () => false, onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)).toBe(blob.size);

    let reads = 0;
    const canceled = ingestBlob(blob, {}, { isCanceled: () => reads > 0, onProgress: () => void reads++ });
    await expect(canceled).rejects.toBeInstanceOf(ImportCanceledError);
  });

  it('passes a bad file’s reason on, by name', async () => {
    await expect(ingestBlob(new Blob([]))).rejects.toMatchObject({ name: 'EmptyFileError' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await expect(ingestBlob(new Blob([png]))).rejects.toMatchObject({ name: 'BinaryFileError' });
  });
});
