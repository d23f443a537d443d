import { InjectConfig } from '@app/config';
import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type Socket } from 'socket.io';
import { chatErrors } from '../chat-errors';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';

export type RateVerdict = 'ok' | 'limited' | 'abusive';

/**
 * Counts a send in the socket's 10-second window and the tenant's 1-second window, each started
 * by its first send; answers both counts. One script rather than a transaction, so that it goes
 * out with the other Redis commands of its tick.
 */
const COUNT_SCRIPT = `
local socketCount = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 10, 'NX')
local tenantCount = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 1, 'NX')
return { socketCount, tenantCount }
`;

/** Fixed windows in Redis, so a tenant's limit holds across replicas. */
@Injectable()
export class MessageRateLimiter {
  private readonly count: (socketKey: string, tenantKey: string) => Promise<[number, number]>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @InjectConfig() private readonly config: ChatConfig,
  ) {
    this.count = redisScript(redis, 'parleyCountMessageSend', COUNT_SCRIPT, 2);
  }

  /** Lets a send through, or refuses it (rate_limited), cutting an abusive socket off. */
  async admit(socket: Socket, tenantId: string): Promise<void> {
    const verdict = await this.check(socket.id, tenantId);
    if (verdict === 'abusive') socket.disconnect(true);
    if (verdict !== 'ok') throw chatErrors.rateLimited();
  }

  private async check(socketId: string, tenantId: string): Promise<RateVerdict> {
    const [socketCount, tenantCount] = await this.count(
      redisKeys.socketRate(socketId),
      redisKeys.tenantRate(tenantId),
    );
    return rateVerdict({ socketCount, tenantCount }, this.config);
  }
}

/** The verdict on a send, from the sends counted in its socket's and its tenant's windows. */
export function rateVerdict(
  counts: { socketCount: number; tenantCount: number },
  limits: Pick<ChatConfig, 'SOCKET_MESSAGES_PER_10S' | 'TENANT_MESSAGES_PER_SECOND'>,
): RateVerdict {
  // Three times over its own limit is not a burst any more: the socket is cut off.
  if (counts.socketCount > limits.SOCKET_MESSAGES_PER_10S * 3) return 'abusive';
  if (counts.socketCount > limits.SOCKET_MESSAGES_PER_10S) return 'limited';
  if (counts.tenantCount > limits.TENANT_MESSAGES_PER_SECOND) return 'limited';
  return 'ok';
}
