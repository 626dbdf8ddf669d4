/**
 * The sync relay: Hocuspocus behind our own WebSocket server at /sync, so that it shares the
 * app's port and we own the socket-level bounds (message size and rate). Hocuspocus rather than
 * y-websocket's server: it has authentication with read-only connections, debounced storage
 * hooks, and a Redis extension for several relay processes, which we would otherwise write.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import type { RelayLimits } from '../config';
import { accessOf } from './auth';
import { CLOSE_CODES, closeSocket, documentSizeLimit, guardSocket, type RelayLog } from './limits';
import type { UpdateJournal } from './journal';
import { persistence } from './persistence';
import type { RelayStore, RoomDirectory } from './store';

export interface Relay {
  /** Takes an HTTP upgrade request for /sync. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection to a room (after its secrets were rotated). */
  closeRoom(roomId: string): void;
  /** Stores every open document and closes every connection. */
  close(): Promise<void>;
}

export interface RelayOptions {
  readonly store: RelayStore;
  readonly journal: UpdateJournal;
  /** Who may enter which room (the store itself, or Redis when relays share rooms). */
  readonly rooms: RoomDirectory;
  readonly limits: RelayLimits;
  readonly log: RelayLog;
  /** More extensions (Redis, for several relay processes). */
  readonly extensions?: readonly Extension[];
}

/** How long changes wait before a compaction of their document (Hocuspocus's debounce). */
const COMPACT_AFTER_MS = 2000;
const COMPACT_AT_MOST_EVERY_MS = 10_000;

export function createRelay({ store, journal, rooms, limits, log, extensions = [] }: RelayOptions): Relay {
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: COMPACT_AFTER_MS,
    maxDebounce: COMPACT_AT_MOST_EVERY_MS,
    extensions: [persistence(store, journal), documentSizeLimit(limits, log), ...extensions],
    async onAuthenticate({ documentName, token, connectionConfig, socketId }) {
      const access = await accessOf(await rooms.readRoom(documentName), token);
      if (!access) {
        log('refused', { socket: socketId, room: documentName, reason: 'no valid proof of the room secret' });
        throw new Error('refused');
      }
      connectionConfig.readOnly = access === 'read';
    },
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  let nextSocket = 0;
  return {
    handleUpgrade(request, socket, head) {
      sockets.handleUpgrade(request, socket, head, (ws) => {
        const label = `s${++nextSocket}`;
        // Without a listener an 'error' (an oversized or malformed frame) would throw; ws closes the socket itself.
        ws.on('error', (error) => log('closed', { socket: label, reason: error.message }));
        guardSocket(ws, limits, log, label);
        hocuspocus.handleConnection(ws, request);
      });
    },
    closeRoom(roomId) {
      // Closing the sockets, not just Hocuspocus's connections: each client reconnects, presents
      // its old proof, and hears that it was refused (a closed connection alone would sit idle).
      for (const connection of hocuspocus.documents.get(roomId)?.getConnections() ?? []) closeSocket(connection.webSocket, CLOSE_CODES.secretsRotated, 'The room’s links were replaced');
    },
    async close() {
      hocuspocus.closeConnections();
      await Promise.all([...hocuspocus.documents.values()].map((document) => hocuspocus.storeDocumentHooks(document, storePayload(hocuspocus, document.name), true)));
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      journal.closeAll();
    },
  };
}

/** The least a store hook needs when it is not called by a connection. */
function storePayload(instance: Hocuspocus, documentName: string) {
  const document = instance.documents.get(documentName)!;
  return { instance, document, documentName, clientsCount: document.getConnectionsCount(), context: {}, requestHeaders: {}, requestParameters: new URLSearchParams(), socketId: 'server' };
}
