import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type HourlyLimiters, takeHourlySlot } from './hourly-limits';

/** In-process counters: the same arithmetic the Redis ones do, per hour. */
const limits = (perTenant: number, perRecipient: number): HourlyLimiters => ({
  perTenant: new RateLimiterMemory({ points: perTenant, duration: 3600 }),
  perRecipient: new RateLimiterMemory({ points: perRecipient, duration: 3600 }),
});

async function takeMany(limiters: HourlyLimiters, tenant: string, addresses: string[]) {
  const results = [];
  for (const address of addresses) results.push(await takeHourlySlot(limiters, tenant, address));
  return results;
}

describe('takeHourlySlot', () => {
  it("lets a tenant's mails go until its hourly limit, then holds the next for up to an hour", async () => {
    const limiters = limits(3, 100);
    const [a, b, c, d] = await takeMany(limiters, 't1', ['a@x', 'b@x', 'c@x', 'd@x']);
    expect([a, b, c]).toEqual([null, null, null]);
    expect(d?.limit).toBe('tenant');
    expect(d!.waitMs).toBeGreaterThan(3_590_000);
    expect(d!.waitMs).toBeLessThanOrEqual(3_600_000);
  });

  it('holds mails to one address past its limit, whatever the case of the address', async () => {
    const limiters = limits(100, 2);
    const results = await takeMany(limiters, 't1', ['Ann@x', 'ann@x', 'ANN@X']);
    expect(results.map((result) => result?.limit ?? 'sent')).toEqual(['sent', 'sent', 'recipient']);
  });

  it("does not count a mail held back by its recipient's limit against the tenant's", async () => {
    const limiters = limits(3, 1);
    await takeMany(limiters, 't1', ['ann@x', 'ann@x', 'ann@x', 'ann@x']);
    // One of the tenant's three went to ann; the held-back ones gave theirs back.
    const others = await takeMany(limiters, 't1', ['bob@x', 'cy@x', 'dee@x']);
    expect(others.map((result) => result?.limit ?? 'sent')).toEqual(['sent', 'sent', 'tenant']);
  });

  it('keeps tenants apart: one at its limit holds back no other', async () => {
    const limiters = limits(1, 100);
    await takeMany(limiters, 't1', ['a@x', 'a@x']);
    expect(await takeHourlySlot(limiters, 't2', 'a@x')).toBeNull();
  });

  it('never asks to wait less than a second', async () => {
    const limiters: HourlyLimiters = {
      perTenant: new RateLimiterMemory({ points: 1, duration: 1 }),
      perRecipient: new RateLimiterMemory({ points: 100, duration: 3600 }),
    };
    jest.useFakeTimers({ now: Date.parse('2026-03-02T12:00:00.000Z') });
    try {
      await takeHourlySlot(limiters, 't1', 'a@x');
      jest.setSystemTime(Date.parse('2026-03-02T12:00:00.700Z'));
      expect((await takeHourlySlot(limiters, 't1', 'a@x'))?.waitMs).toBe(1000);
    } finally {
      jest.useRealTimers();
    }
  });
});
