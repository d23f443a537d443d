import { REDIS, RedisRateLimits } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

export { TooManyRequestsError } from '@app/platform';

/** Attempts allowed per key within each window (seconds). */
const POLICIES = {
  'signup:ip': { points: 10, duration: 3600 },
  'login:ip': { points: 30, duration: 600 },
  // Wrong passwords count per account *and* address, so guessing from elsewhere never locks the
  // owner out; the two windows make the wait grow: 5 in 5 minutes, then 20 in a day.
  'login-failure:account-address': { points: 5, duration: 300 },
  'login-failure:account-address-day': { points: 20, duration: 86400 },
  'refresh:ip': { points: 120, duration: 60 },
  'reset:ip': { points: 10, duration: 3600 },
  'reset:account': { points: 3, duration: 3600 },
  'invite:tenant': { points: 50, duration: 3600 },
  'verify-resend:ip': { points: 10, duration: 3600 },
  'verify-resend:account': { points: 3, duration: 3600 },
} as const;

export type RateLimitPolicy = keyof typeof POLICIES;

/** The tenant service's limits on sign-up, sign-in, refresh and password resets (429 with `Retry-After`). */
@Injectable()
export class RateLimitsService extends RedisRateLimits<RateLimitPolicy> {
  constructor(@Inject(REDIS) redis: Redis) {
    super(redis, 'parley:ratelimit', POLICIES);
  }

  /** Refuses without counting when the key is over any of the policies. */
  async checkAll(policies: readonly RateLimitPolicy[], key: string): Promise<void> {
    for (const policy of policies) await this.check(policy, key);
  }

  /** Counts one failure against each policy, without refusing this attempt. */
  async recordAll(policies: readonly RateLimitPolicy[], key: string): Promise<void> {
    await Promise.all(policies.map((policy) => this.record(policy, key)));
  }
}
