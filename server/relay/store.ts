/**
 * The relay's embedded persistence: one LevelDB under the data folder (classic-level ships
 * prebuilt binaries, so a plain `npm install` needs no compiler; a SQLite binding would).
 *
 * Keys, all strings:
 * - `r!<roomId>` → a room's record (JSON: its two proof verifiers);
 * - `d!<roomId>` → a document's compacted state (the updates since are in journal.ts's files);
 * - `b!<roomId>!<sha256>` → a blob the room holds (JSON: its size); the bytes are a file.
 */
import { ClassicLevel } from 'classic-level';
import { z } from 'zod';

export interface RoomRecord {
  /** Verifiers (hex SHA-256 of the proof) of the edit and the read-only secret. */
  readonly edit: string;
  readonly read: string;
  readonly createdAt: string;
  readonly rotatedAt?: string;
}

/**
 * Who may enter which room, and which blobs a room holds: the facts every relay serving a room
 * must agree on. One relay keeps them in its RelayStore; several share them through Redis.
 */
export interface RoomDirectory {
  readRoom(roomId: string): Promise<RoomRecord | undefined>;
  createRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<boolean>;
  rotateRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<void>;
  /** The size of a blob the room holds, or undefined. */
  blobSize(roomId: string, hash: string): Promise<number | undefined>;
  addBlob(roomId: string, hash: string, size: number): Promise<void>;
}

export const roomRecordSchema = z.object({ edit: z.string(), read: z.string(), createdAt: z.string(), rotatedAt: z.string().optional() });
export const blobRecordSchema = z.object({ size: z.number() });

export class RelayStore implements RoomDirectory {
  /** Room registrations in flight: check-then-put must not interleave. */
  private roomLock: Promise<unknown> = Promise.resolve();
  /** State writes per room, in call order. */
  private readonly stateWrites = new Map<string, Promise<unknown>>();

  private constructor(private readonly db: ClassicLevel<string, Uint8Array>) {}

  static async open(dir: string): Promise<RelayStore> {
    const db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
    await db.open();
    return new RelayStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async readRoom(roomId: string): Promise<RoomRecord | undefined> {
    const bytes = await this.db.get(`r!${roomId}`);
    if (!bytes) return undefined;
    const parsed = roomRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  }

  createRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<boolean> {
    return this.underRoomLock(async () => {
      if (await this.readRoom(roomId)) return false;
      await this.putJson(`r!${roomId}`, { ...verifiers, createdAt: new Date().toISOString() });
      return true;
    });
  }

  rotateRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<void> {
    return this.underRoomLock(async () => {
      const room = await this.readRoom(roomId);
      if (!room) throw new Error(`No room ${roomId}.`);
      await this.putJson(`r!${roomId}`, { ...room, ...verifiers, rotatedAt: new Date().toISOString() });
    });
  }

  /** A document's last compacted state (journal.ts holds the updates since), or undefined. */
  readDocumentState(roomId: string): Promise<Uint8Array | undefined> {
    return this.db.get(`d!${roomId}`);
  }

  /**
   * Stores a document's state. Calls complete in the order they were made, so an earlier state
   * never lands over a later one.
   */
  writeDocumentState(roomId: string, state: Uint8Array): Promise<void> {
    const write = () => this.db.put(`d!${roomId}`, state);
    const run = (this.stateWrites.get(roomId) ?? Promise.resolve()).then(write, write);
    const settled = run.catch(() => undefined);
    this.stateWrites.set(roomId, settled);
    void settled.then(() => this.stateWrites.get(roomId) === settled && this.stateWrites.delete(roomId));
    return run;
  }

  async blobSize(roomId: string, hash: string): Promise<number | undefined> {
    const bytes = await this.db.get(`b!${roomId}!${hash}`);
    if (!bytes) return undefined;
    const parsed = blobRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data.size : undefined;
  }

  addBlob(roomId: string, hash: string, size: number): Promise<void> {
    return this.putJson(`b!${roomId}!${hash}`, { size });
  }

  private putJson(key: string, value: unknown): Promise<void> {
    return this.db.put(key, new TextEncoder().encode(JSON.stringify(value)));
  }

  private underRoomLock<T>(work: () => Promise<T>): Promise<T> {
    const run = this.roomLock.then(work, work);
    this.roomLock = run.catch(() => undefined);
    return run;
  }
}
