/**
 * The relay's bounds on what one connection may do (DESIGN.md §9). Breaking one closes that
 * connection only, with a close reason the client shows and a logged line; other connections and
 * rooms go on (4403 is not a bound: the room's secrets were rotated). Message size is bounded by the WebSocket server itself (maxPayload, close 1009).
 */
import type { Document, Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { isRoomToken } from '@/lib/sync/share-link';
import type { RelayLimits } from '../config';

/** Close codes in the range applications may use, one per bound. */
export const CLOSE_CODES = { tooManyMessages: 4429, documentTooLarge: 4413, malformed: 4400, secretsRotated: 4403 } as const;

export type RelayLog = (event: string, fields: Record<string, string | number>) => void;

/** Hocuspocus's message types that carry document content: Sync (0) with step 2 (1) or an update (2). */
const MESSAGE_SYNC = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Hocuspocus's message types run from Sync (0) to SyncStatus (8). */
const LAST_MESSAGE_TYPE = 8;

/**
 * True when a frame has the shape of a Hocuspocus message: binary, a room id, then a known
 * message type. Anything else is dropped and its socket closed before Hocuspocus reads it.
 */
export function isWellFormedFrame(data: WebSocket.RawData, isBinary: boolean): boolean {
  if (!isBinary) return false;
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  try {
    const decoder = decoding.createDecoder(bytes);
    if (!isRoomToken(decoding.readVarString(decoder))) return false;
    return decoding.readVarUint(decoder) <= LAST_MESSAGE_TYPE;
  } catch {
    return false;
  }
}

/**
 * Closes a socket that sends a malformed frame, or more messages than a token bucket allows
 * (messagesPerSecond, up to messageBurst at once).
 */
export function guardSocket(socket: WebSocket, limits: RelayLimits, log: RelayLog, socketLabel: string): void {
  let tokens = limits.messageBurst;
  let at = performance.now();
  socket.on('message', (data, isBinary: boolean | undefined) => {
    // Hocuspocus re-emits messages that arrived before authentication, without isBinary: seen already.
    if (isBinary === undefined || socket.readyState !== socket.OPEN) return;
    if (!isWellFormedFrame(data, isBinary)) {
      log('closed', { socket: socketLabel, reason: 'a malformed message' });
      closeSocket(socket, CLOSE_CODES.malformed, 'Malformed message');
      return;
    }
    const now = performance.now();
    tokens = Math.min(limits.messageBurst, tokens + ((now - at) / 1000) * limits.messagesPerSecond);
    at = now;
    if (--tokens >= 0) return;
    log('closed', { socket: socketLabel, reason: `more than ${limits.messagesPerSecond} messages a second` });
    closeSocket(socket, CLOSE_CODES.tooManyMessages, 'Too many messages: slow down');
  });
}

/** Closes a socket with a reason, and cuts it if the other side does not finish the close. */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), 1000).unref();
}

/**
 * Hocuspocus extension: a document may not grow past maxDocumentBytes. Its size is measured on
 * load and on each compaction, and grows by each update between; a message whose content would
 * take it past the bound is not applied, and its connection is closed.
 */
export function documentSizeLimit(limits: RelayLimits, log: RelayLog): Extension {
  const sizes = new WeakMap<Document, number>();
  const measure = (document: Document) => sizes.set(document, Y.encodeStateAsUpdate(document).length);
  return {
    extensionName: 'loopbook-document-size',
    async afterLoadDocument({ document }) {
      measure(document);
    },
    async onChange({ document, update }) {
      sizes.set(document, (sizes.get(document) ?? 0) + update.length);
    },
    async afterStoreDocument({ document }) {
      measure(document);
    },
    async beforeHandleMessage({ document, documentName, update, connection, socketId }) {
      if (!carriesContent(update)) return;
      const size = sizes.get(document) ?? 0;
      if (size + update.length <= limits.maxDocumentBytes) return;
      log('closed', { socket: socketId, room: documentName, reason: `document would pass ${limits.maxDocumentBytes} bytes` });
      closeSocket(connection.webSocket, CLOSE_CODES.documentTooLarge, 'The shared document is full');
      throw new Error('document too large');
    },
  };
}

/** True for a Sync message that brings content (step 2 or an update); false for everything else, and for garbage. */
function carriesContent(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
    const step = decoding.readVarUint(decoder);
    return step === SYNC_STEP2 || step === SYNC_UPDATE;
  } catch {
    return false;
  }
}
