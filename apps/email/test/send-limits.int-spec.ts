import { eventually, uniqueSuffix } from '@app/testing';
import {
  EmailFixture,
  expectMail,
  mailTo,
  type RequestDetails,
  uniqueAddress,
} from './email-fixture';

jest.setTimeout(60_000);

describe('email: per-tenant and per-recipient send limits', () => {
  let fixture: EmailFixture;
  const report = (email: string): RequestDetails => ({
    kind: 'usage-report',
    day: '2026-11-20',
    figures: [{ label: 'Conversations', value: '1' }],
    dashboardUrl: 'https://parley.example/app',
    to: { email },
  });

  beforeAll(async () => {
    fixture = await EmailFixture.start({
      // Every email service under test reads the same topic; one running beside this file (another
      // suite, another checkout) would count these mails against the same Redis counters. A Redis
      // database of its own keeps this service's counts its own.
      REDIS_URL: `redis://127.0.0.1:6379/${1 + Math.floor(Math.random() * 15)}`,
      EMAIL_TENANT_PER_HOUR: '4',
      EMAIL_TENANT_VISITOR_PER_HOUR: '4',
      EMAIL_RECIPIENT_PER_HOUR: '2',
    });
  });

  afterAll(() => fixture.close());

  /** The notification waits for a limit, an hour or less away, and was not sent. */
  async function expectWaiting(id: string, limit: string) {
    const waiting = await eventually(async () => {
      const found = await fixture.notification(id);
      if (!found?.lastError) throw new Error('not looked at yet');
      return found;
    });
    expect(waiting.state).toBe('queued');
    expect(waiting.attempts).toBe(0);
    expect(waiting.lastError).toContain(limit);
    const wait = new Date(waiting.nextAttemptAt).getTime() - Date.now();
    expect(wait).toBeGreaterThan(30 * 60_000);
    expect(wait).toBeLessThanOrEqual(3600_000);
  }

  it('holds a third mail to one address within the hour', async () => {
    const tenantId = `tenant-${uniqueSuffix()}`;
    const to = uniqueAddress();
    const sent = [
      await fixture.request(tenantId, report(to)),
      await fixture.request(tenantId, report(to)),
    ];
    for (const event of sent) await fixture.waitForState(event.payload.notificationId, 'sent');
    const third = await fixture.request(tenantId, report(to));
    await expectWaiting(third.payload.notificationId, "recipient's hourly send limit");
    expect(await expectMail(to, 2)).toHaveLength(2);
  });

  it('holds a tenant’s fifth mail within the hour, whoever it is for', async () => {
    const tenantId = `tenant-${uniqueSuffix()}`;
    for (let sent = 0; sent < 4; sent += 1) {
      const event = await fixture.request(tenantId, report(uniqueAddress()));
      await fixture.waitForState(event.payload.notificationId, 'sent');
    }
    const fifth = await fixture.request(tenantId, report(uniqueAddress()));
    await expectWaiting(fifth.payload.notificationId, "tenant's hourly send limit");
    // Another tenant is not held by it.
    const other = await fixture.request(`tenant-${uniqueSuffix()}`, report(uniqueAddress()));
    await fixture.waitForState(other.payload.notificationId, 'sent');
  });

  it("sends a password reset at once while the tenant's visitor mail waits for its budget", async () => {
    const tenantId = `tenant-${uniqueSuffix()}`;
    const agent = uniqueAddress('agent');
    const welcome = (email: string): RequestDetails => ({
      kind: 'visitor-welcome',
      chatbotName: 'Help',
      conversationUrl: fixture.sealed('https://parley.example/conversation/r1#token=t'),
      to: { email },
    });
    // A flood of widget sessions, one of them typing the agent's own address.
    const flood = [agent, uniqueAddress(), uniqueAddress(), uniqueAddress()];
    for (const email of flood) {
      const event = await fixture.request(tenantId, welcome(email));
      await fixture.waitForState(event.payload.notificationId, 'sent');
    }
    const held = await fixture.request(tenantId, welcome(uniqueAddress()));
    await expectWaiting(held.payload.notificationId, "tenant's hourly send limit");

    const reset = await fixture.request(tenantId, {
      kind: 'password-reset',
      resetUrl: fixture.sealed('https://parley.example/app/reset#token=reset-token'),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      to: { email: agent },
    });
    await fixture.waitForState(reset.payload.notificationId, 'sent');
    await eventually(async () =>
      expect((await mailTo(agent)).map((mail) => mail.subject)).toContain(
        'Reset your password for Acme on Parley',
      ),
    );
  });
});
