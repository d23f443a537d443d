import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { chatErrors } from '../chat-errors';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { rateSenderId, type RateSender } from './rate-sender';

/** What a sender does, apart from messages, that costs the service and its agents something. */
export type SenderAction = 'signal' | 'connect' | 'history' | 'upload' | 'note';

/**
 * Limits on everything a visitor or an agent can repeat, other than messages (which have their
 * own, faster path): typing and read signals, a visitor room's socket connections, history
 * pages. Counted per sender in Redis, so many sockets or replicas do not multiply them.
 */
@Injectable()
export class SenderLimits {
  private readonly limiters: Record<SenderAction, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, @InjectConfig() config: ChatConfig) {
    const limiter = (action: SenderAction, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: redisKeys.requestLimits(action),
        points,
        duration,
      });
    this.limiters = {
      signal: limiter('signal', config.SENDER_SIGNALS_PER_10S, 10),
      connect: limiter('connect', config.VISITOR_CONNECTS_PER_MINUTE, 60),
      history: limiter('history', config.HISTORY_REQUESTS_PER_MINUTE, 60),
      upload: limiter('upload', config.ATTACHMENT_UPLOADS_PER_MINUTE, 60),
      // Notes are messages to colleagues: the same allowance, counted apart.
      note: limiter('note', config.SENDER_MESSAGES_PER_10S, 10),
    };
  }

  /** Counts one action of the sender; past the limit, a 429 (`rate_limited`, `Retry-After`). */
  async consume(action: SenderAction, sender: RateSender): Promise<void> {
    try {
      await this.limiters[action].consume(`${sender.tenantId}:${rateSenderId(sender)}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw chatErrors.rateLimited(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }
}
