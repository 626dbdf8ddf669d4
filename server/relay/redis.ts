/**
 * Several relay processes serving one room behind a load balancer (set LOOPBOOK_REDIS_URL):
 * Hocuspocus's Redis extension carries each update and awareness change to the other relays, and
 * the room directory (verifiers, blob claims) lives in Redis so that every relay admits the same
 * clients. Each relay still keeps its own copy of the documents in its data folder; blob bytes
 * are shared by pointing LOOPBOOK_BLOBS_DIR at one folder.
 */
import { Redis as RedisSync } from '@hocuspocus/extension-redis';
import IORedis from 'ioredis';
import type { SharedRooms } from '../server';
import { blobRecordSchema, roomRecordSchema, type RoomDirectory, type RoomRecord } from './store';

const PREFIX = 'loopbook';

export async function shareRoomsThroughRedis(url: string): Promise<SharedRooms> {
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Could not reach Redis at ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const extension = new RedisSync({ createClient: () => new IORedis(url), prefix: `${PREFIX}:sync` });
  return {
    rooms: new RedisDirectory(client),
    extension,
    async close() {
      await extension.onDestroy();
      client.disconnect();
    },
  };
}

class RedisDirectory implements RoomDirectory {
  constructor(private readonly redis: IORedis) {}

  async readRoom(roomId: string): Promise<RoomRecord | undefined> {
    const text = await this.redis.get(`${PREFIX}:room:${roomId}`);
    const parsed = text ? roomRecordSchema.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  async createRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<boolean> {
    const record: RoomRecord = { ...verifiers, createdAt: new Date().toISOString() };
    return (await this.redis.set(`${PREFIX}:room:${roomId}`, JSON.stringify(record), 'NX')) === 'OK';
  }

  async rotateRoom(roomId: string, verifiers: { edit: string; read: string }): Promise<void> {
    const room = await this.readRoom(roomId);
    if (!room) throw new Error(`No room ${roomId}.`);
    await this.redis.set(`${PREFIX}:room:${roomId}`, JSON.stringify({ ...room, ...verifiers, rotatedAt: new Date().toISOString() }), 'XX');
  }

  async blobSize(roomId: string, hash: string): Promise<number | undefined> {
    const text = await this.redis.get(`${PREFIX}:blob:${roomId}:${hash}`);
    const parsed = text ? blobRecordSchema.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data.size : undefined;
  }

  async addBlob(roomId: string, hash: string, size: number): Promise<void> {
    await this.redis.set(`${PREFIX}:blob:${roomId}:${hash}`, JSON.stringify({ size }));
  }
}
