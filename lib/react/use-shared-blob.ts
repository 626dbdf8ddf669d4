'use client';
import { useEffect, useState } from 'react';
import { readBlobEntry, observeBlobEntries } from '../sync/blobs-doc';
import { downloadBlob } from '../sync/blob-transfer';
import { roomProof } from '../sync/share-link';
import { toShownError } from './error-text';
import { useProject } from './project-context';
import { useRelayState } from './use-relay';

export type SharedBlobState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'downloading'; readonly received: number; readonly total: number | undefined }
  /** Nobody has uploaded it yet; `by` is who has it, when the document says. Retrying. */
  | { readonly phase: 'waiting'; readonly by: string | undefined }
  /** The last try failed (network, damaged bytes). Retrying. */
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'done'; readonly blob: Blob };

/** Between tries while a blob is missing or a download failed. */
const RETRY_MS = 5000;

/**
 * Downloads blob `hash` from the shared project's room (undefined: nothing to fetch), with
 * progress and a hash check, trying again until it arrives: at once when the document says it
 * was uploaded, else every few seconds.
 */
export function useSharedBlob(hash: string | undefined): SharedBlobState {
  const { doc } = useProject();
  const share = useRelayState()?.share;
  const [state, setState] = useState<SharedBlobState>({ phase: 'idle' });
  const relay = share?.relay;
  const roomId = share?.roomId;
  const secret = share?.secret;

  useEffect(() => {
    if (!hash || !relay || !roomId || !secret) {
      setState({ phase: 'idle' });
      return undefined;
    }
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const attempt = async () => {
      if (running || abort.signal.aborted) return;
      running = true;
      clearTimeout(timer);
      try {
        const proof = await roomProof(roomId, secret);
        setState({ phase: 'downloading', received: 0, total: readBlobEntry(doc, hash)?.size });
        const blob = await downloadBlob({ relay, roomId, proof }, hash, (received, total) => setState({ phase: 'downloading', received, total }), abort.signal);
        if (abort.signal.aborted) return;
        if (blob !== 'missing') return setState({ phase: 'done', blob });
        setState({ phase: 'waiting', by: readBlobEntry(doc, hash)?.by });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState({ phase: 'failed', message: toShownError(error).message });
      } finally {
        running = false;
      }
      timer = setTimeout(() => void attempt(), RETRY_MS);
    };
    const stopObserving = observeBlobEntries(doc, () => {
      if (readBlobEntry(doc, hash)?.uploaded) void attempt();
    });
    void attempt();
    return () => {
      abort.abort();
      clearTimeout(timer);
      stopObserving();
    };
  }, [hash, relay, roomId, secret, doc]);

  return state;
}
