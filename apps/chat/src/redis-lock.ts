import { redisScript } from '@app/platform';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** Releases a Redis lock only if it is still its owner's (it may have expired and been taken). */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Extends a Redis lock's expiry only if it is still its owner's: 1 if it was, 0 if lost. */
export const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const LOCK_WAIT_MS = 20;

/**
 * Runs work while holding a Redis lock, on any replica: `exclusive(key, lockMs, work)` waits in
 * short steps for at most `lockMs` (past that the holder's lock has lapsed), then answers
 * `busy`. `lockMs` must be longer than the work takes; a replica that dies holding the lock only
 * delays the next holder.
 */
export function redisLocks(redis: Redis, busy: () => Error) {
  const release = redisScript<number>(redis, 'parleyReleaseLock', RELEASE_LOCK);
  return async function exclusive<T>(
    key: string,
    lockMs: number,
    work: () => Promise<T>,
  ): Promise<T> {
    const owner = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      if ((await redis.set(key, owner, 'PX', lockMs, 'NX')) === 'OK') break;
      if (attempt >= lockMs / LOCK_WAIT_MS) throw busy();
      await sleep(LOCK_WAIT_MS);
    }
    try {
      return await work();
    } finally {
      await release(key, owner);
    }
  };
}
