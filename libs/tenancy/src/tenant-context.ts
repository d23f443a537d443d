import { AsyncLocalStorage } from 'node:async_hooks';

/** What the current unit of work (a request, a Kafka message, a socket event) may touch. */
type Scope = { tenantId?: string; unscopedBecause?: string };

const storage = new AsyncLocalStorage<Scope>();

/** Raised when tenant data is touched outside any tenant: always a programming error. */
export class MissingTenantError extends Error {
  constructor() {
    super('no tenant in context: tenant data may only be touched inside a tenant scope');
    this.name = 'MissingTenantError';
  }
}

/**
 * The tenant of the current unit of work. Only the HTTP guard, the socket handshake and the Kafka
 * consumer set it (`run` is refused elsewhere by the lint config); any other code goes through
 * `forTenant` or `asSystem`, which name their reason. Repositories read it through the
 * tenant-scoped mongoose plugin.
 */
export const TenantContext = {
  /** Opens an empty scope for a request; the auth guard fills in the tenant once it knows it. */
  open<T>(fn: () => T): T {
    return storage.run({}, fn);
  },

  run<T>(tenantId: string, fn: () => T): T {
    return storage.run({ tenantId }, fn);
  },

  /** Sets the tenant of the scope opened for this request. */
  assign(tenantId: string): void {
    const scope = storage.getStore();
    if (!scope) throw new Error('TenantContext.assign outside TenantContext.open');
    if (scope.tenantId && scope.tenantId !== tenantId) {
      throw new Error('a request cannot change tenant');
    }
    scope.tenantId = tenantId;
  },

  /** Runs `fn` across tenants; outside this library, `asSystem` is the way in. */
  unscoped<T>(reason: string, fn: () => T): T {
    return storage.run({ unscopedBecause: reason }, fn);
  },

  current(): string {
    const tenantId = storage.getStore()?.tenantId;
    if (!tenantId) throw new MissingTenantError();
    return tenantId;
  },

  isUnscoped(): boolean {
    return storage.getStore()?.unscopedBecause !== undefined;
  },
};
