import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Hands out the next number of a key, or nothing when the key is cold. With a floor: first
 * raises the counter to at least the floor (the highest number already stored).
 */
const NEXT_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if not current then return false end
elseif not current or tonumber(current) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
end
local next = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return next
`;

/** An idle counter is dropped after a week; the next number then costs one database query. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * A tenant's room display ids from Redis INCR.
 *
 * FerretDB v1 does not make `$inc` atomic under concurrency (300 concurrent increments of one
 * document leave it at about 10), so a counter document would hand out the same number twice.
 * Redis is the allocator; the database stays the truth: a cold or lost key is seeded from the
 * highest number stored, and a unique index on the stored number refuses a number handed out
 * twice, after which the caller reseeds and asks again (`nextAfterCollision`).
 */
@Injectable()
export class DisplayIdAllocator {
  private readonly nextInSequence: (
    key: string,
    floor: string,
    keepMs: number,
  ) => Promise<number | null>;

  constructor(@Inject(REDIS) redis: Redis) {
    this.nextInSequence = redisScript(redis, 'parleyNextInSequence', NEXT_SCRIPT);
  }

  async next(key: string, highestStored: () => Promise<number>): Promise<number> {
    const next = await this.nextInSequence(key, '', KEEP_MS);
    return next ?? this.nextAfterCollision(key, highestStored);
  }

  /** The number handed out was already stored (Redis lost the key, or a race): start above it. */
  async nextAfterCollision(key: string, highestStored: () => Promise<number>): Promise<number> {
    const floor = await highestStored();
    return (await this.nextInSequence(key, String(floor), KEEP_MS))!;
  }
}
