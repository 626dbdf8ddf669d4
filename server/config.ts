/**
 * The server's settings: environment variables over embedded defaults, so that `npm start` needs
 * none. Each bound says why it has the value it has.
 */
import { resolve } from 'node:path';

export interface RelayLimits {
  /** Largest WebSocket message: a first sync sends the whole document in one. */
  readonly maxMessageBytes: number;
  /** Largest document a room may grow to (its encoded state plus updates since it was compacted). */
  readonly maxDocumentBytes: number;
  /** Sustained messages a second per connection: typing and cursor moves stay far below. */
  readonly messagesPerSecond: number;
  /** Messages a connection may send at once before the rate applies (a reconnect replays a queue). */
  readonly messageBurst: number;
  /** Largest blob (a dataset or a model's weights). */
  readonly maxBlobBytes: number;
  /** Rooms one client address may register a minute: sharing is a click, not a loop. */
  readonly roomsPerMinute: number;
  /** Blob uploads a minute per client address: a project's datasets and models, with room to spare. */
  readonly uploadsPerMinute: number;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Where the relay keeps rooms, documents and blobs (LevelDB and files). */
  readonly dataDir: string;
  /** Where blob bytes are kept: a folder several relays may share. */
  readonly blobsDir: string;
  /** Redis for several relay processes serving one room; none by default. */
  readonly redisUrl: string | undefined;
  readonly limits: RelayLimits;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 16 * MIB,
  maxDocumentBytes: 64 * MIB,
  messagesPerSecond: 100,
  messageBurst: 500,
  maxBlobBytes: 512 * MIB,
  roomsPerMinute: 30,
  uploadsPerMinute: 120,
};

/** The settings from `env` (PORT, HOST, LOOPBOOK_DATA, LOOPBOOK_BLOBS_DIR, LOOPBOOK_REDIS_URL, LOOPBOOK_MAX_*). */
export function readServerConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): ServerConfig {
  const dataDir = resolve(cwd, env.LOOPBOOK_DATA || '.loopbook-data');
  const mib = (name: string, fallback: number) => positive(env[name], name) * MIB || fallback;
  return {
    port: env.PORT === '0' ? 0 : positive(env.PORT, 'PORT') || 3000,
    host: env.HOST || 'localhost',
    dataDir,
    blobsDir: resolve(dataDir, env.LOOPBOOK_BLOBS_DIR || 'blobs'),
    redisUrl: env.LOOPBOOK_REDIS_URL || undefined,
    limits: {
      maxMessageBytes: mib('LOOPBOOK_MAX_MESSAGE_MB', DEFAULT_LIMITS.maxMessageBytes),
      maxDocumentBytes: mib('LOOPBOOK_MAX_DOCUMENT_MB', DEFAULT_LIMITS.maxDocumentBytes),
      messagesPerSecond: positive(env.LOOPBOOK_MAX_MESSAGES_PER_S, 'LOOPBOOK_MAX_MESSAGES_PER_S') || DEFAULT_LIMITS.messagesPerSecond,
      messageBurst: DEFAULT_LIMITS.messageBurst,
      maxBlobBytes: mib('LOOPBOOK_MAX_BLOB_MB', DEFAULT_LIMITS.maxBlobBytes),
      roomsPerMinute: DEFAULT_LIMITS.roomsPerMinute,
      uploadsPerMinute: DEFAULT_LIMITS.uploadsPerMinute,
    },
  };
}

/** A positive number from an environment variable, 0 when unset; a bad value stops the start with its name. */
function positive(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}".`);
  return n;
}
