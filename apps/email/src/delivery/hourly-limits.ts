import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/** Which hourly limit holds a mail back, and for how long. */
export interface LimitWait {
  waitMs: number;
  limit: 'tenant' | 'recipient';
}

/** The two counters a mail is counted against, whatever stores them. */
export interface HourlyLimiters {
  perTenant: RateLimiterAbstract;
  perRecipient: RateLimiterAbstract;
}

/**
 * Counts one mail against the tenant's and then the recipient's hourly limit; null when it
 * may go now, else how long to wait and which limit. An address is one recipient whatever its
 * case, and a mail held back by its recipient's limit does not count against its tenant's.
 */
export async function takeHourlySlot(
  limiters: HourlyLimiters,
  tenantId: string,
  address: string,
): Promise<LimitWait | null> {
  const recipientKey = `${tenantId}:${address.toLowerCase()}`;
  const tenantWait = await waitOf(limiters.perTenant, tenantId);
  if (tenantWait !== null) return { waitMs: tenantWait, limit: 'tenant' };
  const recipientWait = await waitOf(limiters.perRecipient, recipientKey);
  if (recipientWait !== null) {
    // The tenant's count was taken for a mail that is not going: give it back.
    await limiters.perTenant.reward(tenantId, 1);
    return { waitMs: recipientWait, limit: 'recipient' };
  }
  return null;
}

/** Null when the key had a point left; else the wait, at least a second (no busy retries). */
async function waitOf(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1000, rejection.msBeforeNext);
    throw rejection;
  }
}
