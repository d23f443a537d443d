import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type Socket } from 'socket.io';
import { chatErrors } from '../chat-errors';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';

type RateVerdict = 'ok' | 'limited' | 'abusive';

/** Fixed windows in Redis, so a tenant's limit holds across replicas. */
@Injectable()
export class MessageRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  /** Lets a send through, or refuses it (rate_limited), cutting an abusive socket off. */
  async admit(socket: Socket, tenantId: string): Promise<void> {
    const verdict = await this.check(socket.id, tenantId);
    if (verdict === 'abusive') socket.disconnect(true);
    if (verdict !== 'ok') throw chatErrors.rateLimited();
  }

  private async check(socketId: string, tenantId: string): Promise<RateVerdict> {
    const socketKey = redisKeys.socketRate(socketId);
    const tenantKey = redisKeys.tenantRate(tenantId);
    const replies = (await this.redis
      .multi()
      .incr(socketKey)
      .expire(socketKey, 10, 'NX')
      .incr(tenantKey)
      .expire(tenantKey, 1, 'NX')
      .exec()) as Array<[Error | null, number]>;
    const [[, socketCount], , [, tenantCount]] = replies;
    // Three times over its own limit is not a burst any more: the socket is cut off.
    if (socketCount > this.config.SOCKET_MESSAGES_PER_10S * 3) return 'abusive';
    if (socketCount > this.config.SOCKET_MESSAGES_PER_10S) return 'limited';
    if (tenantCount > this.config.TENANT_MESSAGES_PER_SECOND) return 'limited';
    return 'ok';
  }
}
