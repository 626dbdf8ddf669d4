/**
 * A stored dataset parsed into a table inside a worker, slice by slice, yielding between slices so
 * that a poll or a cancel gets through while a large file parses. Rows with the wrong number of
 * fields are left out by the parser, as in the data cell (its notice says so there).
 */
import { createParser } from '../data/parse';
import { SliceReader } from '../data/slice-reader';
import type { ParseOptions, Table } from '../data/types';
import { FitCanceledError } from '../ml/types';
import { DatasetMissingError } from './ingest-service';

/**
 * Bytes parsed between yields to the event loop: small enough that a poll or a cancel is answered
 * within tens of milliseconds, large enough that yielding costs nothing.
 */
export const LOAD_SLICE_BYTES = 4 * 1024 * 1024;

/** Reads a stored blob by content hash (lib/store in a worker, a map in tests). */
export type LoadTrainBlob = (hash: string) => Promise<Blob | undefined>;

export async function loadTable(
  loadBlob: LoadTrainBlob,
  hash: string,
  parseOptions: ParseOptions | undefined,
  isCanceled: () => boolean = () => false,
  onSlice: () => void = () => {},
): Promise<Table> {
  const blob = await loadBlob(hash);
  if (!blob) throw new DatasetMissingError(hash);
  return parseBlob(blob, parseOptions, isCanceled, onSlice);
}

/** A file (or stored blob) parsed in slices; throws FitCanceledError when `isCanceled` says so. */
export async function parseBlob(blob: Blob, parseOptions: ParseOptions | undefined, isCanceled: () => boolean = () => false, onSlice: () => void = () => {}): Promise<Table> {
  const parser = createParser({ ...parseOptions, totalBytes: blob.size });
  const reader = new SliceReader(blob, LOAD_SLICE_BYTES, 1);
  for (;;) {
    const chunk = await reader.next();
    if (!chunk) break;
    parser.push(chunk);
    onSlice();
    if (isCanceled()) throw new FitCanceledError();
  }
  return parser.finish().table;
}
