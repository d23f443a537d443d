import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { REDIS } from './redis.token';
import { redisScript } from './redis-script';

// Both act only while the lock is still its holder's: it may have lapsed and been taken since.
const RELEASE_IF_MINE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const EXTEND_IF_MINE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const DEFAULT_STEP_MS = 20;

/** A lock this process holds until it releases it or `lockMs` passes. */
export interface HeldLock {
  /** Holds it `ms` more from now; false when it had lapsed (another may hold it now). */
  extend(ms: number): Promise<boolean>;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long the lock lasts unless released: longer than the work takes. */
  lockMs: number;
  /** How long to wait for a taken lock (0, the default: not at all). */
  waitMs?: number;
  /** How often to look again while waiting. */
  stepMs?: number;
}

export type LockOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * Locks in Redis (`SET NX PX` under a random owner), so that work on any replica takes turns:
 * FerretDB v1 does not apply a conditional update atomically under concurrency, so a read, a
 * decision and a write happen under one of these instead. A holder that dies only delays the
 * next one until its lock expires.
 */
@Injectable()
export class RedisLocks {
  private readonly releaseIfMine: (key: string, owner: string) => Promise<number>;
  private readonly extendIfMine: (key: string, owner: string, ms: number) => Promise<number>;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.releaseIfMine = redisScript(redis, 'parleyReleaseLock', RELEASE_IF_MINE);
    this.extendIfMine = redisScript(redis, 'parleyExtendLock', EXTEND_IF_MINE);
  }

  /** The lock, or null when it stayed taken for `waitMs`. */
  async acquire(key: string, options: LockOptions): Promise<HeldLock | null> {
    const owner = randomUUID();
    const deadline = Date.now() + (options.waitMs ?? 0);
    while ((await this.redis.set(key, owner, 'PX', options.lockMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) return null;
      await sleep(options.stepMs ?? DEFAULT_STEP_MS);
    }
    return {
      extend: async (ms) => (await this.extendIfMine(key, owner, ms)) === 1,
      release: async () => {
        await this.releaseIfMine(key, owner);
      },
    };
  }

  /** Runs `work` holding the lock; `{ ran: false }` when it stayed taken. */
  async run<T>(key: string, options: LockOptions, work: () => Promise<T>): Promise<LockOutcome<T>> {
    const lock = await this.acquire(key, options);
    if (!lock) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await lock.release();
    }
  }

  /** Runs `work` holding the lock; throws `busy()` when it stayed taken. */
  async exclusive<T>(
    key: string,
    options: LockOptions,
    work: () => Promise<T>,
    busy: () => Error,
  ): Promise<T> {
    const outcome = await this.run(key, options, work);
    if (!outcome.ran) throw busy();
    return outcome.result;
  }
}
