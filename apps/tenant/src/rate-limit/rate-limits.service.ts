import { REDIS } from '@app/platform';
import { AppHttpError } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

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

/** Thrown as 429 with `Retry-After`. */
export class TooManyRequestsError extends AppHttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', `too many attempts; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * Counters live in Redis so that limits hold across replicas; while Redis is away an in-process
 * counter stands in, so sign-in keeps working and is still limited.
 */
@Injectable()
export class RateLimitsService {
  private readonly limiters: Record<RateLimitPolicy, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis) {
    this.limiters = Object.fromEntries(
      Object.entries(POLICIES).map(([name, policy]) => [
        name,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `parley:ratelimit:${name}`,
          ...policy,
          insuranceLimiter: new RateLimiterMemory(policy),
        }),
      ]),
    ) as Record<RateLimitPolicy, RateLimiterRedis>;
  }

  /** Counts one attempt; throws 429 once the key is over its limit. */
  async consume(policy: RateLimitPolicy, key: string): Promise<void> {
    try {
      await this.limiters[policy].consume(key.toLowerCase());
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new TooManyRequestsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }

  /** Refuses without counting when the key is already over its limit. */
  async check(policy: RateLimitPolicy, key: string): Promise<void> {
    const state = await this.limiters[policy].get(key.toLowerCase());
    if (state && state.consumedPoints >= POLICIES[policy].points) {
      throw new TooManyRequestsError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
    }
  }
}
