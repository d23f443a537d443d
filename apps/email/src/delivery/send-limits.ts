import { InjectConfig } from '@app/config';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type EmailConfig } from '../email.config';

const HOUR_SECONDS = 3600;

/**
 * How many mails a tenant may send per hour, and one address may get from one tenant. Counters
 * live in Redis so the limits hold across replicas; while Redis is away an in-process counter
 * stands in. A mail over a limit is not dropped: it waits until the limit allows it.
 */
@Injectable()
export class SendLimits {
  private readonly perTenant: RateLimiterRedis;
  private readonly perRecipient: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @InjectConfig() config: EmailConfig) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `parley:email:limit:${name}`,
        points,
        duration: HOUR_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: HOUR_SECONDS }),
      });
    this.perTenant = limiter('tenant', config.EMAIL_TENANT_PER_HOUR);
    this.perRecipient = limiter('recipient', config.EMAIL_RECIPIENT_PER_HOUR);
  }

  /** Counts one mail; null when it may go now, else how long to wait and which limit. */
  async take(
    tenantId: string,
    address: string,
  ): Promise<{ waitMs: number; limit: 'tenant' | 'recipient' } | null> {
    const recipientKey = `${tenantId}:${address.toLowerCase()}`;
    const tenantWait = await waitOf(this.perTenant, tenantId);
    if (tenantWait !== null) return { waitMs: tenantWait, limit: 'tenant' };
    const recipientWait = await waitOf(this.perRecipient, recipientKey);
    if (recipientWait !== null) {
      // The tenant's count was taken for a mail that is not going: give it back.
      await this.perTenant.reward(tenantId, 1);
      return { waitMs: recipientWait, limit: 'recipient' };
    }
    return null;
  }
}

async function waitOf(limiter: RateLimiterRedis, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1000, rejection.msBeforeNext);
    throw rejection;
  }
}
