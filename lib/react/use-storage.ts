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

/** The whole browser's projects as one backup zip, and restoring one (lib/store/backup). */
export function useBackup() {
  const backup = useCallback(async (onProgress: (done: number, total: number) => void) => {
    const { exportEverything } = await import('../store/backup');
    const { bytes, projects } = await exportEverything(onProgress);
    const view = bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    return { blob: new Blob([view], { type: 'application/zip' }), projects };
  }, []);
  const restore = useCallback(async (file: Blob, onProgress: (done: number, total: number) => void) => {
    const { restoreBackup } = await import('../store/backup');
    return restoreBackup(new Uint8Array(await file.arrayBuffer()), onProgress);
  }, []);
  return { backup, restore };
}
