import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { type EmailConfig } from '../email.config';
import { type HourlyLimiters, type LimitWait, takeHourlySlot } from './hourly-limits';

const HOUR_SECONDS = 3600;

/**
 * How many mails a tenant may send per hour, and one address may get from one tenant. Counters
 * live in Redis so the limits hold across replicas; while Redis is away an in-process counter
 * stands in. A mail over a limit is not dropped: it waits until the limit allows it.
 */
@Injectable()
export class SendLimitsService {
  private readonly limiters: HourlyLimiters;

  constructor(@Inject(REDIS) redis: Redis, @InjectConfig() config: EmailConfig) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `parley:email:limit:${name}`,
        points,
        duration: HOUR_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: HOUR_SECONDS }),
      });
    this.limiters = {
      perTenant: limiter('tenant', config.EMAIL_TENANT_PER_HOUR),
      perRecipient: limiter('recipient', config.EMAIL_RECIPIENT_PER_HOUR),
    };
  }

  /** Counts one mail; null when it may go now, else how long to wait and which limit. */
  take(tenantId: string, address: string): Promise<LimitWait | null> {
    return takeHourlySlot(this.limiters, tenantId, address);
  }
}
