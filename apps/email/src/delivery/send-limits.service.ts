import { InjectConfig } from '@app/config';
import { type NotificationKind, VISITOR_NOTIFICATION_KINDS } from '@app/contracts';
import { REDIS } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { type EmailConfig } from '../email.config';
import { type HourlyLimiters, type LimitWait, takeHourlySlot } from './hourly-limits';

const HOUR_SECONDS = 3600;

/** Mail to a website's visitors, which anyone can cause, and mail to the tenant's own people. */
type Budget = 'visitor' | 'account';

const VISITOR_KINDS: readonly NotificationKind[] = VISITOR_NOTIFICATION_KINDS;

/**
 * How many mails a tenant may send per hour, and one address may get from one tenant. Counters
 * live in Redis so the limits hold across replicas; while Redis is away an in-process counter
 * stands in. A mail over a limit is not dropped: it waits until the limit allows it.
 *
 * Visitor mail (welcome, away reply, transcript) and account mail (password reset, invitation,
 * report) are counted apart: anyone can open widget sessions, and a flood of them must not hold
 * back an agent's password reset, not even one sent to an address the flood typed in.
 */
@Injectable()
export class SendLimitsService {
  private readonly limiters: Record<Budget, HourlyLimiters>;

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
      account: {
        perTenant: limiter('tenant', config.EMAIL_TENANT_PER_HOUR),
        perRecipient: limiter('recipient', config.EMAIL_RECIPIENT_PER_HOUR),
      },
      visitor: {
        perTenant: limiter('visitor-tenant', config.EMAIL_TENANT_VISITOR_PER_HOUR),
        perRecipient: limiter('visitor-recipient', config.EMAIL_RECIPIENT_PER_HOUR),
      },
    };
  }

  /** Counts one mail; null when it may go now, else how long to wait and which limit. */
  take(tenantId: string, address: string, kind: NotificationKind): Promise<LimitWait | null> {
    const budget: Budget = VISITOR_KINDS.includes(kind) ? 'visitor' : 'account';
    return takeHourlySlot(this.limiters[budget], tenantId, address);
  }
}
