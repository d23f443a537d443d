import { REDIS } from '@app/platform';
import { AppHttpError } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

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

  /** Refuses without counting when the key is already over one of the limits. */
  async check(policies: RateLimitPolicy | readonly RateLimitPolicy[], key: string): Promise<void> {
    for (const policy of typeof policies === 'string' ? [policies] : policies) {
      const state = await this.limiters[policy].get(key.toLowerCase());
      if (state && state.consumedPoints >= POLICIES[policy].points) {
        throw new TooManyRequestsError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
      }
    }
  }

  /** Counts one attempt against each policy, without refusing this one (a failure is recorded). */
  async record(policies: readonly RateLimitPolicy[], key: string): Promise<void> {
    await Promise.all(policies.map((policy) => this.limiters[policy].penalty(key.toLowerCase())));
  }
}
