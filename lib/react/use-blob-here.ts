'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db } from '../store/db';
import { useRelayState } from './use-relay';
import { useSharedBlob, type SharedBlobState } from './use-shared-blob';

export type BlobHereState =
  | { readonly phase: 'here' }
  /** Not in this browser, and the project is not shared: nowhere to get it from. */
  | { readonly phase: 'absent' }
  | Exclude<SharedBlobState, { readonly phase: 'done' }>;

/**
 * Makes sure blob `hash` (a collaborator's model, say) is in this browser: when it is not and
 * the project is shared, it is downloaded from the room (hash-checked) and stored.
 */
export function useBlobHere(hash: string | undefined, mediaType: string): BlobHereState {
  const here = useLiveQuery(async () => (hash ? (await db.blobs.where('hash').equals(hash).count()) > 0 : true), [hash]);
  const shared = useRelayState()?.share;
  const download = useSharedBlob(hash && here === false && shared ? hash : undefined);
  useEffect(() => {
    if (download.phase !== 'done' || !hash) return;
    const blob = download.blob;
    void db.transaction('rw', db.blobs, async () => {
      if (!(await db.blobs.get(hash))) await db.blobs.add({ hash, size: blob.size, mediaType, data: blob, createdAt: Date.now() });
    });
  }, [download, hash, mediaType]);
  if (here !== false) return { phase: 'here' };
  if (!shared) return { phase: 'absent' };
  return download.phase === 'done' ? { phase: 'downloading', received: download.blob.size, total: download.blob.size } : download;
}
