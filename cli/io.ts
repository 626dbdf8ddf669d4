/** Files in and out for the CLI: tables through lib/data's parser, zips as bytes. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { analyzeTable } from '../lib/data/analyze';
import { parseBytes } from '../lib/data/parse';
import type { Analysis } from '../lib/data/analyze';
import type { Table } from '../lib/data/types';
import { writeCsvChunks, type CsvColumn } from '../lib/data/write-csv';
import { UsageError } from './errors';

export async function readInputFile(path: string, what: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${path} is not a file. Give the path of ${what}.`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${path}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)}. Give the path of ${what}.`);
  }
}

export async function readTable(path: string): Promise<{ table: Table; notices: readonly string[] }> {
  const bytes = await readInputFile(path, 'a CSV, TSV or JSON table');
  const parsed = parseBytes(bytes);
  if (parsed.ragged) {
    const { count, expectedFields, examples } = parsed.ragged;
    const first = examples[0];
    throw new Error(
      `${path}: ${count} row${count === 1 ? ' has' : 's have'} a different number of fields than the header's ${expectedFields}${first ? ` (first: row ${first.row}, ${first.fields} fields)` : ''}. Fix those rows and try again.`,
    );
  }
  return { table: parsed.table, notices: parsed.notices.map((n) => n.message) };
}

export function analyze(table: Table, label?: string): Analysis {
  return analyzeTable(table, {}, label ?? null);
}

/** Writes CSV to a file, or to stdout when `path` is undefined. */
export async function writeCsv(path: string | undefined, columns: readonly CsvColumn[], rows: number): Promise<void> {
  const out = path ? createWriteStream(path) : process.stdout;
  for (const chunk of writeCsvChunks(columns, rows)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  if (path) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path, bytes);
}
