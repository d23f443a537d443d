import { RedisLocks } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
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
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly locks: RedisLocks,
  ) {}

  /**
   * Runs `claim` (which gives the agent a room) only while the agent has fewer open chats than
   * they may have; `at_capacity` otherwise.
   */
  async withinCapacity<T>(
    tenantId: string,
    agent: { id: string; maxConcurrentChats: number },
    claim: () => Promise<T>,
  ): Promise<T> {
    return this.locks.exclusive(
      redisKeys.agentClaimLock(tenantId, agent.id),
      { lockMs: LOCK_MS, waitMs: LOCK_MS },
      async () => {
        if ((await this.rooms.countActiveOf(agent.id)) >= agent.maxConcurrentChats)
          throw chatErrors.atCapacity();
        return claim();
      },
      chatErrors.busy,
    );
  }
}
