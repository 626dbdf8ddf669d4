/**
 * Each room's updates since its last compaction, appended to a file with a synchronous write
 * from the document's own 'update' event. Yjs fires that event inside the call that applies a
 * client's update, before Hocuspocus sends the acknowledgement, so an acknowledged update is
 * in the file (in the kernel's cache: safe from a crash or kill of the process, not from a power
 * cut) before the client hears of it. Hocuspocus's own hooks run a microtask later, and LevelDB
 * writes later still, which is why this is not a hook writing to the store.
 *
 * A record is a 4-byte little-endian length and the update. A record cut short by a crash is
 * ignored when read. Compaction stores the document's state elsewhere and then drops the records
 * it covers (see `dropBefore`).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isRoomToken } from '@/lib/sync/share-link';

const LENGTH_BYTES = 4;

interface OpenJournal {
  fd: number;
  /** Bytes in the file now. */
  size: number;
  /** Bytes dropped from its start since it was opened: positions handed out stay valid. */
  dropped: number;
}

export class UpdateJournal {
  private readonly open = new Map<string, OpenJournal>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Every whole update in a room's journal, in order. */
  read(roomId: string): Uint8Array[] {
    const file = this.file(roomId);
    if (!existsSync(file)) return [];
    const bytes = readFileSync(file);
    const updates: Uint8Array[] = [];
    for (let at = 0; at + LENGTH_BYTES <= bytes.length; ) {
      const length = bytes.readUInt32LE(at);
      if (at + LENGTH_BYTES + length > bytes.length) break;
      updates.push(new Uint8Array(bytes.subarray(at + LENGTH_BYTES, at + LENGTH_BYTES + length)));
      at += LENGTH_BYTES + length;
    }
    return updates;
  }

  /** Appends one update, synchronously. */
  append(roomId: string, update: Uint8Array): void {
    const journal = this.journal(roomId);
    const record = Buffer.allocUnsafe(LENGTH_BYTES + update.length);
    record.writeUInt32LE(update.length, 0);
    record.set(update, LENGTH_BYTES);
    writeSync(journal.fd, record);
    journal.size += record.length;
  }

  /** A position after every update appended so far, for `dropBefore`. */
  end(roomId: string): number {
    const journal = this.journal(roomId);
    return journal.dropped + journal.size;
  }

  /** Drops the updates before `position` (a stored state holds them), keeping any appended since. */
  dropBefore(roomId: string, position: number): void {
    const journal = this.journal(roomId);
    const cut = position - journal.dropped;
    if (cut <= 0) return;
    const file = this.file(roomId);
    const rest = readFileSync(file).subarray(cut);
    // A new file renamed over the old one: a crash midway leaves one or the other, whole.
    writeFileSync(`${file}.next`, rest);
    renameSync(`${file}.next`, file);
    closeSync(journal.fd);
    journal.fd = openSync(file, 'a');
    journal.size = rest.length;
    journal.dropped = position;
  }

  /** Closes a room's file (its document was unloaded). */
  close(roomId: string): void {
    const journal = this.open.get(roomId);
    if (!journal) return;
    closeSync(journal.fd);
    this.open.delete(roomId);
  }

  closeAll(): void {
    for (const roomId of [...this.open.keys()]) this.close(roomId);
  }

  private journal(roomId: string): OpenJournal {
    let journal = this.open.get(roomId);
    if (!journal) {
      const file = this.file(roomId);
      const size = existsSync(file) ? readFileSync(file).length : 0;
      journal = { fd: openSync(file, 'a'), size, dropped: 0 };
      this.open.set(roomId, journal);
    }
    return journal;
  }

  private file(roomId: string): string {
    // Room ids are checked when a room is registered; checked again, as they become file names.
    if (!isRoomToken(roomId)) throw new Error(`Not a room id: ${JSON.stringify(roomId)}`);
    return join(this.dir, `${roomId}.updates`);
  }
}
