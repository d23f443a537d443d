import { TenantContext } from '@app/tenancy';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type Redis from 'ioredis';
import { from, type Observable, switchMap } from 'rxjs';
import { REDIS } from '../redis/redis.token';
import { type RateLimitPolicy, RedisRateLimits } from './redis-rate-limits';

const TENANT_RATE_LIMIT = 'parley:tenantRateLimit';

interface TenantLimit {
  /** Names the counter: routes sharing a name share it. */
  name: string;
  policy: RateLimitPolicy;
}

/**
 * Limits how often a workspace may call a route, whoever of it calls, on every replica (429
 * `tenant_rate_limited` with `Retry-After`): for routes that call a vendor for us, so that a
 * stolen token or a script cannot make Parley hammer it.
 */
export const LimitPerTenant = (name: string, policy: RateLimitPolicy): MethodDecorator =>
  applyDecorators(
    SetMetadata(TENANT_RATE_LIMIT, { name, policy } satisfies TenantLimit),
    UseInterceptors(TenantRateLimitInterceptor),
  );

@Injectable()
export class TenantRateLimitInterceptor implements NestInterceptor {
  private readonly limits = new Map<string, RedisRateLimits<'calls'>>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limit = this.reflector.get<TenantLimit>(TENANT_RATE_LIMIT, context.getHandler());
    return from(this.limitOf(limit).consume('calls', TenantContext.current())).pipe(
      switchMap(() => next.handle()),
    );
  }

  private limitOf({ name, policy }: TenantLimit): RedisRateLimits<'calls'> {
    let limit = this.limits.get(name);
    if (!limit) {
      limit = new RedisRateLimits(
        this.redis,
        `parley:tenant-limit:${name}`,
        { calls: policy },
        { code: 'tenant_rate_limited', what: 'calls of this kind for this workspace' },
      );
      this.limits.set(name, limit);
    }
    return limit;
  }
}
