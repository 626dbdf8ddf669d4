/**
 * One HTTP server on one port (DESIGN.md §9): the relay's endpoints (/sync, /rooms, /blobs) and,
 * for everything else, the app. `npm start` runs it with Next's request handler; the tests run it
 * without one.
 */
import type { Extension } from '@hocuspocus/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BLOBS_PATH, ROOMS_PATH, SYNC_PATH } from '@/lib/sync/relay-protocol';
import type { ServerConfig } from './config';
import { handleBlobs } from './http/blobs';
import { HttpError, sendError } from './http/respond';
import { AddressRateLimit } from './http/rate-limit';
import { handleRooms } from './http/rooms';
import type { RelayLog } from './relay/limits';
import { UpdateJournal } from './relay/journal';
import { createRelay } from './relay/relay';
import { RelayStore, type RoomDirectory } from './relay/store';

export interface SharedRooms {
  readonly rooms: RoomDirectory;
  readonly extension: Extension;
  close(): Promise<void>;
}

export type AppHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface StartedServer {
  readonly server: Server;
  /** The origin it answers on, e.g. http://localhost:3000. */
  readonly origin: string;
  /** Stores open documents, closes connections and the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serves everything that is not the relay's (the built app); 404 without one. */
  readonly app?: AppHandler;
  readonly log?: RelayLog;
  /** Several relays serving one room: Redis carries their updates and holds the room directory. */
  readonly shared?: SharedRooms;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<StartedServer> {
  const log = options.log ?? consoleLog;
  await mkdir(config.dataDir, { recursive: true });
  const store = await RelayStore.open(join(config.dataDir, 'relay.db'));
  const rooms = options.shared?.rooms ?? store;
  const journal = new UpdateJournal(join(config.dataDir, 'journals'));
  const relay = createRelay({ store, journal, rooms, limits: config.limits, log, extensions: options.shared ? [options.shared.extension] : [] });
  const deps = { rooms, relay, log, blobsDir: config.blobsDir, limits: config.limits };
  const roomRate = new AddressRateLimit(config.limits.roomsPerMinute);
  const uploadRate = new AddressRateLimit(config.limits.uploadsPerMinute);

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://relay');
    const path = url.pathname;
    const ours = path === ROOMS_PATH || path.startsWith(`${ROOMS_PATH}/`) || path.startsWith(`${BLOBS_PATH}/`);
    if (!ours) {
      if (options.app) void Promise.resolve(options.app(request, response)).catch((error: unknown) => failed(response, error));
      else sendError(response, 404, 'Not found.');
      return;
    }
    const address = request.socket.remoteAddress ?? '';
    const limited = request.method === 'POST' ? roomRate : request.method === 'PUT' && path.startsWith(`${BLOBS_PATH}/`) ? uploadRate : undefined;
    if (limited && !limited.take(address)) {
      log('refused', { address, reason: `over ${limited === roomRate ? 'the room' : 'the upload'} rate` });
      response.setHeader('connection', 'close');
      sendError(response, 429, 'Too many requests from this address: wait a minute and try again.');
      request.resume();
      return;
    }
    const handled = path.startsWith(`${BLOBS_PATH}/`) ? handleBlobs(request, response, url, deps) : handleRooms(request, response, path, deps);
    handled.catch((error: unknown) => {
      // A refused upload still streaming: answer, then drop the rest rather than read it.
      if (!request.complete) response.once('finish', () => request.destroy());
      failed(response, error);
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (path === SYNC_PATH || path.startsWith(`${SYNC_PATH}/`)) relay.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    server,
    origin: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    async close() {
      await relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await options.shared?.close();
    },
  };
}

function failed(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) sendError(response, error.status, error.message);
  else {
    console.error('[server] request failed:', error);
    sendError(response, 500, 'The server failed to answer; try again.');
  }
}

function consoleLog(event: string, fields: Record<string, string | number>): void {
  console.log(`[relay] ${event} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
