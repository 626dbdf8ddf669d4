'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { readDataset, type Dataset } from '../store/datasets';

/** A stored dataset's record (schema, profile, counts), live; null when there is none, undefined while loading. */
export function useStoredDataset(hash: string | undefined): Dataset | null | undefined {
  return useLiveQuery(async () => (hash ? ((await readDataset(hash)) ?? null) : null), [hash]);
}
