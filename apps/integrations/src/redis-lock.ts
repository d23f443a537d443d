import { redisScript } from '@app/platform';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** Releases a lock only if it is still its owner's (it may have expired and been taken). */
const RELEASE_IF_MINE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const WAIT_STEP_MS = 20;

/**
 * A lock in Redis (`SET NX PX`), so writers on any replica take turns: FerretDB v1 does not make
 * a conditional update atomic, so a read, a decision and a write happen under it instead. A
 * holder that dies only delays the next one until the lock expires.
 */
export class RedisLock {
  private readonly releaseIfMine: (key: string, owner: string) => Promise<number>;

  constructor(private readonly redis: Redis) {
    this.releaseIfMine = redisScript<number>(
      redis,
      'parleyIntegrationsReleaseLock',
      RELEASE_IF_MINE,
    );
  }

  /**
   * Runs `work` holding `key` for at most `lockMs`; waits up to `waitMs` for it (0: not at all).
   * Answers `{ ran: false }` when it stayed taken.
   */
  async run<T>(
    key: string,
    options: { lockMs: number; waitMs?: number },
    work: () => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    const owner = randomUUID();
    const deadline = Date.now() + (options.waitMs ?? 0);
    while ((await this.redis.set(key, owner, 'PX', options.lockMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return { ran: false };
      await sleep(WAIT_STEP_MS);
    }
    try {
      return { ran: true, result: await work() };
    } finally {
      await this.releaseIfMine(key, owner);
    }
  }
}
