import { eventually, spawnService, type ServiceProcess, uniqueSuffix } from '@app/testing';
import mongoose, { type Connection } from 'mongoose';
import { EmailFixture, uniqueAddress } from './email-fixture';
import { TestSmtpServer } from './test-smtp-server';

jest.setTimeout(180_000);

const MAILS = 60;
const CONCURRENCY = 2;

/**
 * `kill -9` of the email service in the middle of a batch, then a restart: every mail arrives,
 * and only a mail caught between the server's answer and its record (at most one per send in
 * flight) may arrive twice, as the same message (same Message-ID). See
 * NotificationSenderService (apps/email/src/delivery/notification-sender.service.ts).
 */
describe('email: killed mid-batch and restarted', () => {
  let smtp: TestSmtpServer;
  let fixture: EmailFixture;
  let db: Connection;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    // Only to publish requests: its own service stays idle (no request has its tenant).
    fixture = await EmailFixture.start();
  });

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.kill()));
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    await fixture.close();
    await smtp.close();
  });

  it('sends every mail, none lost, none doubled beyond the sends in flight', async () => {
    const env = {
      SMTP_URL: smtp.url,
      MONGO_DB: `test_email_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-email-${uniqueSuffix()}`,
      EMAIL_SEND_CONCURRENCY: String(CONCURRENCY),
      EMAIL_SENDING_TIMEOUT_MS: '2000',
    };
    processes.push(await spawnService('email', env));
    db = await mongoose
      .createConnection(`${fixture.email.config.MONGO_URL}/${env.MONGO_DB}`)
      .asPromise();

    const tenantId = `tenant-${uniqueSuffix()}`;
    const addresses = Array.from({ length: MAILS }, () => uniqueAddress('batch'));
    const events = [];
    for (const email of addresses) {
      events.push(
        await fixture.request(tenantId, {
          kind: 'usage-report',
          day: '2026-11-20',
          figures: [{ label: 'Conversations', value: '1' }],
          dashboardUrl: 'https://parley.example/app',
          to: { email },
        }),
      );
    }

    // Mid-batch: some mails went, most did not.
    await eventually(() => {
      if (smtp.received.length < 10) throw new Error(`${smtp.received.length} received`);
    });
    await processes[0].kill();
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeLessThan(MAILS);

    processes.push(await spawnService('email', env));
    await eventually(
      async () => {
        const sent = await db.collection('notifications').countDocuments({ state: 'sent' });
        if (sent !== MAILS) throw new Error(`${sent} of ${MAILS} sent`);
      },
      // The killed consumer's partitions move to the new process once its session expires.
      { timeoutMs: 90_000 },
    );

    let doubled = 0;
    events.forEach((event, index) => {
      const copies = smtp.receivedBy(addresses[index]);
      expect(copies.length).toBeGreaterThanOrEqual(1);
      expect(copies.length).toBeLessThanOrEqual(2);
      for (const copy of copies)
        expect(copy.messageId).toBe(`<${event.payload.notificationId}@parley.local>`);
      if (copies.length === 2) doubled += 1;
    });
    expect(doubled).toBeLessThanOrEqual(CONCURRENCY);
    expect(smtp.received).toHaveLength(MAILS + doubled);
  });
});
