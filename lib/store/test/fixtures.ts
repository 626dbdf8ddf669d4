/**
 * Test helpers for lib/store: a clean database, and datasets as an import would hand them over.
 * Import 'fake-indexeddb/auto' in the test file before this module.
 */
import { sha256 } from 'hash-wasm';
import { db, type StoredDataset } from '../db';

/** Empties every table; the database itself stays open. */
export async function resetStore(): Promise<void> {
  await Promise.all(db.tables.map((table) => table.clear()));
}

export interface DatasetFixture {
  readonly blob: Blob;
  readonly record: Omit<StoredDataset, 'createdAt'>;
}

/** A small CSV file and the record lib/data would produce for it. */
export async function csvDataset(text: string, name = 'data.csv'): Promise<DatasetFixture> {
  const bytes = new TextEncoder().encode(text);
  const lines = text.trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const rowCount = lines.length - 1;
  return {
    blob: new Blob([bytes], { type: 'text/csv' }),
    record: {
      hash: await sha256(bytes),
      name,
      bytes: bytes.byteLength,
      format: 'csv',
      delimiter: ',',
      encoding: 'utf-8',
      rowCount,
      columnCount: header.length,
      notices: [],
      schema: header.map((column) => ({
        name: column,
        type: 'float',
        inferredType: 'float',
        included: true,
        reason: 'Every value is a number.',
      })),
      profile: {
        rowCount,
        columnCount: header.length,
        columns: header.map((column) => ({ name: column, type: 'float', missing: 0, missingRatio: 0, distinct: rowCount })),
      },
    },
  };
}
