import { REDIS, RedisRateLimits } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

const MINUTE = 60;

/**
 * Per endpoint: what an admin (or a leaked API token with `integrations:manage`) may ask of it
 * by hand. Each action sends requests to the receiver, so a loop on it would flood somebody's
 * server from Parley's addresses; replaying every failed delivery also rewrites them all.
 */
const POLICIES = {
  test: { points: 10, duration: MINUTE },
  replay: { points: 60, duration: MINUTE },
  'replay-failed': { points: 5, duration: 10 * MINUTE },
} as const;

export type WebhookAction = keyof typeof POLICIES;

/** Refusals are 429 `webhook_rate_limited` with `Retry-After`. */
@Injectable()
export class WebhookActionLimits {
  private readonly limits: RedisRateLimits<WebhookAction>;

  constructor(@Inject(REDIS) redis: Redis) {
    this.limits = new RedisRateLimits<WebhookAction>(
      redis,
      'parley:integrations:webhook-actions',
      POLICIES,
      { code: 'webhook_rate_limited', what: 'requests of this kind for this endpoint' },
    );
  }

  consume(action: WebhookAction, endpointId: string): Promise<void> {
    return this.limits.consume(action, endpointId);
  }
}
