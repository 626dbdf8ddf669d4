import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRoomSecrets } from '@/lib/sync/share-link';
import { UpdateJournal } from './journal';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('update journal', () => {
  it('reads back what was appended, across a reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const room = createRoomSecrets().roomId;
    const journal = new UpdateJournal(dir);
    journal.append(room, bytes(1, 2, 3));
    journal.append(room, bytes());
    journal.append(room, bytes(4));
    journal.closeAll();
    expect(new UpdateJournal(dir).read(room)).toEqual([bytes(1, 2, 3), bytes(), bytes(4)]);
  });

  it('ignores a record cut short by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const room = createRoomSecrets().roomId;
    const journal = new UpdateJournal(dir);
    journal.append(room, bytes(9, 9));
    journal.close(room);
    appendFileSync(join(dir, `${room}.updates`), Buffer.from([10, 0, 0, 0, 1, 2]));
    expect(journal.read(room)).toEqual([bytes(9, 9)]);
  });

  it('drops what a stored state covers and keeps what came after, at positions handed out earlier', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const room = createRoomSecrets().roomId;
    const journal = new UpdateJournal(dir);
    journal.append(room, bytes(1));
    const first = journal.end(room);
    journal.append(room, bytes(2));
    const second = journal.end(room);
    journal.append(room, bytes(3));
    journal.dropBefore(room, first);
    expect(journal.read(room)).toEqual([bytes(2), bytes(3)]);
    journal.dropBefore(room, second);
    journal.append(room, bytes(4));
    expect(journal.read(room)).toEqual([bytes(3), bytes(4)]);
    journal.dropBefore(room, first);
    expect(journal.read(room)).toEqual([bytes(3), bytes(4)]);
  });

  it('refuses a name that is not a room id', async () => {
    const journal = new UpdateJournal(await mkdtemp(join(tmpdir(), 'journal-')));
    expect(() => journal.append('../../etc/passwd', bytes(1))).toThrow(/Not a room id/);
  });
});
