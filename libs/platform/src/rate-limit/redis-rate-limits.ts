import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppHttpError } from '../http/http-exception.filter';

/** Attempts allowed per key within a window of `duration` seconds. */
export interface RateLimitPolicy {
  points: number;
  duration: number;
}

/** Thrown as 429; the HTTP filter turns `retryAfterSeconds` into `Retry-After`. */
export class TooManyRequestsError extends AppHttpError {
  constructor(
    readonly retryAfterSeconds: number,
    code = 'too_many_requests',
    what = 'attempts',
  ) {
    super(429, code, `too many ${what}; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * Named limits whose counters live in Redis, so that they hold across replicas; while Redis is
 * away an in-process counter stands in, so the endpoint keeps working and is still limited.
 * Keys are compared case-insensitively (an email is one visitor whatever its case).
 */
export class RedisRateLimits<Name extends string> {
  private readonly limiters: Record<Name, RateLimiterRedis>;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly policies: Record<Name, RateLimitPolicy>,
    private readonly refusal: { code?: string; what?: string } = {},
  ) {
    this.limiters = Object.fromEntries(
      Object.entries<RateLimitPolicy>(policies).map(([name, policy]) => [
        name,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${keyPrefix}:${name}`,
          ...policy,
          insuranceLimiter: new RateLimiterMemory(policy),
        }),
      ]),
    ) as Record<Name, RateLimiterRedis>;
  }

  /** Counts one attempt; throws 429 once the key is over its limit. */
  async consume(policy: Name, key: string): Promise<void> {
    try {
      await this.limiters[policy].consume(key.toLowerCase());
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.refuse(rejection.msBeforeNext);
      throw rejection;
    }
  }

  /** Refuses without counting when the key is already over its limit. */
  async check(policy: Name, key: string): Promise<void> {
    const state = await this.limiters[policy].get(key.toLowerCase());
    if (state && state.consumedPoints >= this.policies[policy].points)
      throw this.refuse(state.msBeforeNext);
  }

  /** Counts one attempt without refusing it (a failure is recorded; the next `check` refuses). */
  async record(policy: Name, key: string): Promise<void> {
    await this.limiters[policy].penalty(key.toLowerCase());
  }

  private refuse(msBeforeNext: number): TooManyRequestsError {
    return new TooManyRequestsError(
      Math.max(1, Math.ceil(msBeforeNext / 1000)),
      this.refusal.code,
      this.refusal.what,
    );
  }
}
