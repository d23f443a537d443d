import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { redisLocks } from '../redis-lock';
import { RoomsRepository } from './rooms.repository';

/** Longer than a claim takes; a replica that dies holding it only delays the agent's next. */
const LOCK_MS = 5_000;

/**
 * Gives one agent one room at a time, on every replica: counting their chats and claiming the
 * room happen under a Redis lock of that agent, so an auto-assignment racing the agent's own
 * join (or a transfer to them) cannot take them past their maximum. Other agents are not held up.
 */
@Injectable()
export class AgentCapacityGuard {
  private readonly exclusive: ReturnType<typeof redisLocks>;

  constructor(
    private readonly rooms: RoomsRepository,
    @Inject(REDIS) redis: Redis,
  ) {
    this.exclusive = redisLocks(redis, chatErrors.busy);
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
    return this.exclusive(redisKeys.agentClaimLock(tenantId, agent.id), LOCK_MS, async () => {
      if ((await this.rooms.countActiveOf(agent.id)) >= agent.maxConcurrentChats)
        throw chatErrors.atCapacity();
      return claim();
    });
  }
}
