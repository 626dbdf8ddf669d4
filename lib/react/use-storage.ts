'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { collectUnreferencedBlobs, requestPersistentStorage, storageReport, type StorageReport } from '../store/storage-report';

/** The storage report, live: it follows every write to the tables it reads. */
export function useStorageReport(): StorageReport | undefined {
  return useLiveQuery(() => storageReport(), []);
}

/** Asking to keep this site's data, and freeing unreferenced blobs. */
export function useStorageActions() {
  const persist = useCallback(() => requestPersistentStorage(), []);
  const collect = useCallback(() => collectUnreferencedBlobs(), []);
  return { persist, collect };
}
