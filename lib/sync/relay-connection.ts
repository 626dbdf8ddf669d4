/**
 * A project's Yjs document kept in sync with its room on the relay (Hocuspocus provider), with
 * presence (Yjs awareness). The local copy (y-indexeddb) stays the source of what this browser
 * shows: offline, edits go on locally and merge when the connection comes back. The provider
 * reconnects by itself with exponential backoff; `status` says what it is doing, for the UI.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SYNC_PATH } from './relay-protocol';
import { roomProof } from './share-link';

export type RelayStatus =
  | { readonly state: 'connecting' }
  /** Connected, and this browser has the room's state; `readOnly` when the link only reads. */
  | { readonly state: 'live'; readonly readOnly: boolean }
  /** The connection dropped (or never came): retrying with backoff, since `since`. */
  | { readonly state: 'offline'; readonly since: number }
  /** The relay does not accept this link's secret (rotated, or never valid). */
  | { readonly state: 'refused' };

/** What a collaborator tells the others: who they are and where they are in the notebook. */
export interface Presence {
  readonly name: string;
  readonly color: string;
  /** The cell they are in, if any. */
  readonly cellId?: string;
}

export interface RelayConnection {
  readonly awareness: Awareness;
  status(): RelayStatus;
  /** Calls `listener` on every status change; returns the unsubscribe. */
  onStatus(listener: (status: RelayStatus) => void): () => void;
  destroy(): void;
}

/** Backoff between reconnection attempts: 1 s doubling up to 30 s, with jitter (the provider's). */
const RETRY_MAX_DELAY_MS = 30_000;

export function connectToRelay(options: { doc: Y.Doc; relay: string; roomId: string; secret: string }): RelayConnection {
  const { doc, relay, roomId, secret } = options;
  let status: RelayStatus = { state: 'connecting' };
  const listeners = new Set<(status: RelayStatus) => void>();
  const set = (next: RelayStatus) => {
    if (status.state === 'refused' && next.state !== 'live') return; // stays refused until a new link
    if (next.state === 'offline' && status.state === 'offline') return; // keep the first "since"
    status = next;
    for (const listener of listeners) listener(status);
  };
  const url = new URL(SYNC_PATH, relay);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const provider = new HocuspocusProvider({
    url: url.href,
    name: roomId,
    document: doc,
    token: () => roomProof(roomId, secret),
    onSynced: () => set({ state: 'live', readOnly: provider.authorizedScope === 'readonly' }),
    onAuthenticationFailed: () => set({ state: 'refused' }),
    onStatus: ({ status: s }) => {
      if (s === 'disconnected') set({ state: 'offline', since: Date.now() });
    },
  });
  provider.configuration.websocketProvider.configuration.maxDelay = RETRY_MAX_DELAY_MS;
  // When the device says it lost the network, stop at once rather than wait for the socket to
  // time out (a dead socket can look open for a minute); reconnect as soon as it is back.
  const onOffline = () => {
    provider.disconnect();
    set({ state: 'offline', since: Date.now() });
  };
  const onOnline = () => void provider.connect();
  globalThis.addEventListener?.('offline', onOffline);
  globalThis.addEventListener?.('online', onOnline);
  return {
    awareness: provider.awareness!,
    status: () => status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      globalThis.removeEventListener?.('offline', onOffline);
      globalThis.removeEventListener?.('online', onOnline);
      listeners.clear();
      provider.destroy();
    },
  };
}
