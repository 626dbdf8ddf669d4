/** Test helpers: a relay on a free port in a temporary folder, rooms, and Node clients of it. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createRoomSecrets, readSecretOf, roomProof, roomVerifiers, type RoomSecrets } from '@/lib/sync/share-link';
import { RELAY_PROTOCOL_VERSION, ROOMS_PATH, SYNC_PATH } from '@/lib/sync/relay-protocol';
import { DEFAULT_LIMITS, type RelayLimits, type ServerConfig } from '../config';
import { startServer, type SharedRooms, type StartedServer } from '../server';

export interface TestRelay extends StartedServer {
  readonly logs: string[];
  readonly dataDir: string;
}

export interface TestRelayOptions {
  readonly limits?: Partial<RelayLimits>;
  /** A folder of an earlier relay (a restart); a new temporary one by default. */
  readonly dataDir?: string;
  readonly blobsDir?: string;
  readonly shared?: SharedRooms;
}

export async function startTestRelay({ limits = {}, dataDir, blobsDir, shared }: TestRelayOptions = {}): Promise<TestRelay> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'loopbook-relay-')));
  const config: ServerConfig = { port: 0, host: '127.0.0.1', dataDir: dir, blobsDir: blobsDir ?? join(dir, 'blobs'), redisUrl: undefined, limits: { ...DEFAULT_LIMITS, ...limits } };
  const logs: string[] = [];
  const started = await startServer(config, { log: (event, fields) => logs.push(`${event} ${JSON.stringify(fields)}`), shared });
  return { ...started, logs, dataDir: dir };
}

/** A room and both its secrets. */
export interface TestRoom extends RoomSecrets {
  readonly readSecret: string;
}

/** A new room registered on the relay. */
export async function createRoom(origin: string): Promise<TestRoom> {
  const room = createRoomSecrets();
  const response = await fetch(`${origin}${ROOMS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: RELAY_PROTOCOL_VERSION, roomId: room.roomId, ...(await roomVerifiers(room)) }) });
  if (response.status !== 201) throw new Error(`room not created: ${response.status} ${await response.text()}`);
  return { ...room, readSecret: await readSecretOf(room) };
}

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** Resolves true once authenticated and synced, false when refused. */
  readonly ready: Promise<boolean>;
  /** Close codes the socket saw. */
  readonly closes: number[];
  destroy(): void;
}

export async function connect(origin: string, roomId: string, secret: string, doc = new Y.Doc()): Promise<TestClient> {
  const token = await roomProof(roomId, secret);
  const closes: number[] = [];
  const socket = new HocuspocusProviderWebsocket({ url: `${origin.replace(/^http/, 'ws')}${SYNC_PATH}`, WebSocketPolyfill: WebSocket, delay: 50, minDelay: 50, maxDelay: 200, onClose: ({ event }) => void closes.push(event.code) });
  let settle: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (settle = resolve));
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: roomId, token, document: doc, onSynced: () => settle(true), onAuthenticationFailed: () => settle(false) });
  provider.attach();
  return {
    doc,
    provider,
    ready,
    closes,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
