import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisKeys } from '../redis-keys';
import { type RoomRecord } from './room-record';

/** Keeps the newer of two versions: a reader's stale fill never overwrites a change. */
const STORE_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).version >= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
`;

/** Bounds how long an entry could outlive a change whose cache write failed (Redis away). */
const KEEP_MS = 60_000;

const DATE_FIELDS = [
  'queuedAt',
  'assignedAt',
  'awayUntil',
  'closedAt',
  'createdAt',
  'updatedAt',
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'firstResponseBreachedAt',
  'resolutionBreachedAt',
] as const;

/**
 * Rooms as the message path reads them (every message checks the room's status and agent),
 * from Redis instead of the database. Every change of a room goes through
 * `RoomsRepository.transition`, which stores the new version here; entries carry their version
 * and only a newer one replaces them. A Redis failure falls back to the database.
 */
@Injectable()
export class RoomCache {
  private readonly logger = new Logger(RoomCache.name);
  private readonly storeIfNewer: (
    key: string,
    json: string,
    version: number,
    keepMs: number,
  ) => Promise<number>;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.storeIfNewer = redisScript(redis, 'parleyStoreRoomIfNewer', STORE_IF_NEWER);
  }

  async get(tenantId: string, roomId: string): Promise<RoomRecord | null> {
    try {
      const json = await this.redis.get(redisKeys.roomState(tenantId, roomId));
      return json ? revive(JSON.parse(json) as Record<string, unknown>) : null;
    } catch (error) {
      this.logger.warn(`room cache read failed: ${(error as Error).message}`);
      return null;
    }
  }

  /** A deleted room leaves the cache (a failure only leaves it until it expires). */
  async forget(tenantId: string, roomId: string): Promise<void> {
    await this.redis.del(redisKeys.roomState(tenantId, roomId)).catch(() => undefined);
  }

  async store(room: RoomRecord): Promise<void> {
    try {
      await this.storeIfNewer(
        redisKeys.roomState(room.tenantId, room.id),
        JSON.stringify(room),
        room.version,
        KEEP_MS,
      );
    } catch (error) {
      this.logger.warn(`room cache write failed: ${(error as Error).message}`);
    }
  }
}

function revive(cached: Record<string, unknown>): RoomRecord {
  for (const field of DATE_FIELDS) {
    const value = cached[field];
    if (typeof value === 'string') cached[field] = new Date(value);
  }
  return cached as unknown as RoomRecord;
}
