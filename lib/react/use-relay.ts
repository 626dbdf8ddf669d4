'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { ProjectId } from '../ids';
import { forgetShare, readShare, saveShare, type Share } from '../store/shares';
import { registerRoom, rotateRoom } from '../sync/relay-client';
import { connectToRelay, type Presence, type RelayConnection, type RelayStatus } from '../sync/relay-connection';
import { createRoomSecrets, roomProof, rotateRoomSecrets } from '../sync/share-link';
import { blobCount, pushProjectBlobs } from '../store/blob-push';
import { useUserColor } from './use-user-color';
import { readUserName, useUserName } from './use-user-name';

/** Another browser in the project, as its awareness state says. */
export interface Peer extends Presence {
  readonly clientId: number;
}

export interface RelayState {
  /** How this browser shares the project: undefined while reading, null when not shared. */
  readonly share: Share | null | undefined;
  readonly status: RelayStatus | undefined;
  /** The others in the project now (not this tab). */
  readonly peers: readonly Peer[];
  /** Shares the project: a new room on the relay this page came from. */
  startSharing(): Promise<void>;
  /** New secret for the room: every link given out before stops working. */
  rotate(): Promise<void>;
  /** Stops syncing from this browser; the local copy stays. */
  stopSharing(): Promise<void>;
  /** Tells the others which cell this user is in (undefined: none). */
  setCell(cellId: string | undefined): void;
}

/** Between tries of an upload that failed (the relay was unreachable, say). */
const BLOB_PUSH_RETRY_MS = 5000;

export const RelayContext = createContext<RelayState | null>(null);

/** The open project's relay state; null outside a project. */
export function useRelayState(): RelayState | null {
  return useContext(RelayContext);
}

/**
 * Keeps the open project connected to its room while mounted (when it is shared), and says who
 * else is there. Creating, rotating and forgetting the share go through here too.
 */
export function useRelay(projectId: ProjectId, doc: Y.Doc): RelayState {
  const stored = useLiveQuery(() => readShare(projectId).then((s) => s ?? null), [projectId]);
  const [connection, setConnection] = useState<RelayConnection>();
  const [status, setStatus] = useState<RelayStatus>();
  const [peers, setPeers] = useState<readonly Peer[]>([]);
  const [name] = useUserName();
  const [color] = useUserColor();
  const relay = stored?.relay;
  const roomId = stored?.roomId;
  const secret = stored?.secret;

  useEffect(() => {
    if (!relay || !roomId || !secret) {
      setStatus(undefined);
      return undefined;
    }
    const c = connectToRelay({ doc, relay, roomId, secret });
    setConnection(c);
    setStatus(c.status());
    const offStatus = c.onStatus(setStatus);
    const onAwareness = () => {
      const others: Peer[] = [];
      c.awareness.getStates().forEach((state, clientId) => {
        if (clientId === c.awareness.clientID) return;
        const p = presenceOf(state);
        if (p) others.push({ clientId, ...p });
      });
      setPeers(others);
    };
    c.awareness.on('change', onAwareness);
    return () => {
      offStatus();
      c.awareness.off('change', onAwareness);
      c.destroy();
      setConnection(undefined);
      setPeers([]);
    };
  }, [doc, relay, roomId, secret]);

  // An edit link uploads the project's blobs on connecting and whenever this browser stores a
  // new one (a count, not the project's records: those change on every training poll).
  const blobs = useLiveQuery(() => blobCount(), []);
  const live = status?.state === 'live' && !status.readOnly;
  const [pushRound, setPushRound] = useState(0);
  useEffect(() => {
    if (!live || !roomId || !secret || !relay || blobs === undefined) return;
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    void roomProof(roomId, secret)
      .then((proof) => (current ? pushProjectBlobs(projectId, doc, { relay, roomId, proof }, readUserName()) : undefined))
      .catch((error: unknown) => {
        console.warn('Loopbook: some blobs could not be uploaded yet; they will be tried again.', error);
        if (current) retry = setTimeout(() => setPushRound((n) => n + 1), BLOB_PUSH_RETRY_MS);
      });
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [live, blobs, pushRound, projectId, doc, relay, roomId, secret]);

  useEffect(() => {
    if (!connection) return;
    const current = connection.awareness.getLocalState() as Partial<Presence> | null;
    connection.awareness.setLocalState({ ...current, name, color });
  }, [connection, name, color]);

  const setCell = useCallback(
    (cellId: string | undefined) => {
      if (!connection) return;
      const current = connection.awareness.getLocalState() as Partial<Presence> | null;
      if (current?.cellId === cellId) return;
      connection.awareness.setLocalState({ ...current, name, color, cellId });
    },
    [connection, name, color],
  );

  const startSharing = useCallback(async () => {
    const room = createRoomSecrets();
    const origin = window.location.origin;
    await registerRoom(origin, room);
    await saveShare(projectId, { relay: origin, roomId: room.roomId, secret: room.editSecret, access: 'edit' });
  }, [projectId]);

  const rotate = useCallback(async () => {
    if (!stored || stored.access !== 'edit') return;
    const room = { roomId: stored.roomId, editSecret: stored.secret };
    const fresh = rotateRoomSecrets(room);
    await rotateRoom(stored.relay, room, fresh);
    await saveShare(projectId, { relay: stored.relay, roomId: stored.roomId, secret: fresh.editSecret, access: 'edit' });
  }, [projectId, stored]);

  const stopSharing = useCallback(() => forgetShare(projectId), [projectId]);

  return useMemo(() => ({ share: stored, status, peers, startSharing, rotate, stopSharing, setCell }), [stored, status, peers, startSharing, rotate, stopSharing, setCell]);
}

/** A peer's awareness state, when it is one (anything may arrive from a peer). */
function presenceOf(state: Record<string, unknown>): Presence | undefined {
  const { name, color, cellId } = state;
  if (typeof name !== 'string' || typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return undefined;
  return { name: name.slice(0, 60), color, ...(typeof cellId === 'string' && { cellId }) };
}
