import { REDIS, RedisRateLimits } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

export { TooManyRequestsError } from '@app/platform';

/** Attempts allowed per key within each window (seconds). */
const POLICIES = {
  'signup:ip': { points: 10, duration: 3600 },
  'login:ip': { points: 30, duration: 600 },
  'login-failure:account': { points: 10, duration: 900 },
  'refresh:ip': { points: 120, duration: 60 },
  'reset:ip': { points: 10, duration: 3600 },
  'reset:account': { points: 3, duration: 3600 },
} as const;

export type RateLimitPolicy = keyof typeof POLICIES;

/** The tenant service's limits on sign-up, sign-in, refresh and password resets (429 with `Retry-After`). */
@Injectable()
export class RateLimitsService extends RedisRateLimits<RateLimitPolicy> {
  constructor(@Inject(REDIS) redis: Redis) {
    super(redis, 'parley:ratelimit', POLICIES);
  }
}
