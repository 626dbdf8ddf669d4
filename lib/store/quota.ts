/**
 * Running out of storage: refuse early when the browser says there is no room, and turn
 * IndexedDB's quota failure (however Dexie wraps it) into one error with a message a user can act on.
 */
import { formatBytes } from '../units';

/** Thrown when a write does not fit in the storage this browser gives the site. */
export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError';
  readonly neededBytes: number;
  readonly availableBytes?: number;

  /** `what`: what would be saved, when it is more telling than a size ("the model this training makes"). */
  constructor(neededBytes: number, availableBytes?: number, options?: { cause?: unknown; what?: string }) {
    const room =
      availableBytes === undefined
        ? 'This browser has no room left for it.'
        : `Only ${formatBytes(Math.max(0, availableBytes))} is free.`;
    const saved = options?.what ? `${options.what} (up to ${formatBytes(neededBytes)})` : formatBytes(neededBytes);
    super(
      `Not enough storage to save ${saved}. ${room} ` +
        'Free space by deleting projects you no longer need, or allow this site more storage in your browser settings.',
      options,
    );
    this.neededBytes = neededBytes;
    if (availableBytes !== undefined) this.availableBytes = availableBytes;
  }
}

/**
 * What a training run keeps free before it starts: its model.zip and results. The largest models
 * the search makes are about 11 MB (an MLP of 3 × 1,150 units, bench/results/bundle.md).
 */
export const TRAINING_RESERVE_BYTES = 16_000_000;

/**
 * Throws StorageQuotaError when the browser's estimate says `bytes` more will not fit.
 * Without an estimate (Node, old browsers, a failing estimate) it lets the write try.
 */
export async function checkSpace(bytes: number, what?: string): Promise<void> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.estimate !== 'function') return;
  let estimate: StorageEstimate;
  try {
    estimate = await storage.estimate();
  } catch {
    return;
  }
  const { usage, quota } = estimate;
  if (usage === undefined || quota === undefined) return;
  if (usage + bytes > quota) throw new StorageQuotaError(bytes, quota - usage, what ? { what } : undefined);
}

/** How deep to follow `inner` / `cause`: Dexie wraps at most a couple of times. */
const MAX_WRAP_DEPTH = 5;

/** True when `e`, or an error it wraps (Dexie's `inner`, or `cause`), is a quota failure. */
export function isQuotaError(e: unknown): boolean {
  let current: unknown = e;
  for (let depth = 0; depth <= MAX_WRAP_DEPTH && current instanceof Object; depth++) {
    const name: unknown = Reflect.get(current, 'name');
    // Dexie's own QuotaExceededError and the DOMException share the name.
    if (name === 'QuotaExceededError' || name === 'StorageQuotaError') return true;
    current = Reflect.get(current, 'inner') ?? Reflect.get(current, 'cause');
  }
  return false;
}

/** Maps a quota failure to StorageQuotaError; any other error passes through unchanged. */
export function toStoreError(e: unknown, neededBytes: number): unknown {
  if (e instanceof StorageQuotaError) return e;
  return isQuotaError(e) ? new StorageQuotaError(neededBytes, undefined, { cause: e }) : e;
}
