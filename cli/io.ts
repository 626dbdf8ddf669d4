/** Files in and out for the CLI: tables through lib/data's parser, zips as bytes. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
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

/**
 * Checks, before any work, that `path` can be written: its folder exists and it is not a folder
 * itself. A training run must not spend its budget only to fail at the end on a typo in -o.
 */
export async function checkOutputPath(path: string, option: string): Promise<void> {
  const folder = dirname(resolve(path));
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) throw new UsageError(`Cannot write ${path}: the folder ${folder} does not exist. Create it, or give another path with ${option}.`);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new UsageError(`Cannot write ${path}: it is a folder. Give the path of a file (in that folder, or elsewhere) with ${option}.`);
}

/** Writes CSV to a file, or to stdout when `path` is undefined. */
export async function writeCsv(path: string | undefined, columns: readonly CsvColumn[], rows: number): Promise<void> {
  if (!path) {
    for (const chunk of writeCsvChunks(columns, rows)) {
      if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
    return;
  }
  const out = createWriteStream(path);
  // A failed open or write (a full disk, no permission) ends the command with its message, not a crash.
  const done = finished(out);
  done.catch(() => undefined);
  try {
    for (const chunk of writeCsvChunks(columns, rows)) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), done]);
    }
    out.end();
    await done;
  } catch (error) {
    out.destroy();
    throw new Error(`Cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new Error(`Cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
