import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { RELEASE_LOCK } from '../redis-lock';
import { RoomsRepository } from './rooms.repository';

/** Longer than a claim takes; a replica that dies holding it only delays the agent's next. */
const LOCK_MS = 5_000;
const WAIT_MS = 20;
/** As long as a holder may keep it: past that, the lock lapsed and is free. */
const ATTEMPTS = LOCK_MS / WAIT_MS;

/**
 * Gives one agent one room at a time, on every replica: counting their chats and claiming the
 * room happen under a Redis lock of that agent, so an auto-assignment racing the agent's own
 * join (or a transfer to them) cannot take them past their maximum. Other agents are not held up.
 */
@Injectable()
export class AgentCapacityGuard {
  private readonly release: (key: string, owner: string) => Promise<number>;

  constructor(
    private readonly rooms: RoomsRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.release = redisScript(redis, 'parleyReleaseLock', RELEASE_LOCK);
  }

  /**
   * Runs `claim` (which gives the agent a room) only while the agent has fewer open chats than
   * they may have; `at_capacity` otherwise.
   */
  async withinCapacity<T>(
    tenantId: string,
    agent: { id: string; maxConcurrentChats: number },
    claim: () => Promise<T>,
  ): Promise<T> {
    return this.exclusive(tenantId, agent.id, async () => {
      if ((await this.rooms.countActiveOf(agent.id)) >= agent.maxConcurrentChats)
        throw chatErrors.atCapacity();
      return claim();
    });
  }

  private async exclusive<T>(
    tenantId: string,
    agentId: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const key = redisKeys.agentClaimLock(tenantId, agentId);
    const owner = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      if ((await this.redis.set(key, owner, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (attempt === ATTEMPTS) throw chatErrors.busy();
      await sleep(WAIT_MS);
    }
    try {
      return await work();
    } finally {
      await this.release(key, owner);
    }
  }
}
