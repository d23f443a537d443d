import { Logger } from '@nestjs/common';
import { TenantContext } from './tenant-context';

const logger = new Logger('Tenancy');

/**
 * Runs `fn` for one tenant, from code that is not one of the three adapters that set the tenant
 * (the HTTP guard, the socket handshake, the Kafka consumer): a sweep, a job, or a public request
 * whose tenant comes from what it presented (a refresh token, an emailed link, a widget's
 * chatbot). The reason is logged at debug level, so every way into a tenant can be found and
 * reviewed.
 */
export function forTenant<T>(tenantId: string, reason: string, fn: () => T): T {
  logger.debug(`for tenant ${tenantId}: ${reason}`);
  return TenantContext.run(tenantId, fn);
}

/**
 * Runs `fn` across tenants, such as finding an account by email at sign-in or a sender serving
 * every tenant's mail. Queries must run inside `fn` (`.exec()`), not be returned lazily: a
 * mongoose query executes where it is awaited.
 */
export function asSystem<T>(reason: string, fn: () => T): T {
  logger.debug(`across tenants: ${reason}`);
  return TenantContext.unscoped(reason, fn);
}
