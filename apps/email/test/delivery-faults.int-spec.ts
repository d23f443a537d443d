import { deadLetterTopic, NotificationFailedV1, NotificationRequestedV1 } from '@app/contracts';
import { bearer, eventually, type SignedIn, TopicProbe } from '@app/testing';
import request from 'supertest';
import { EmailFixture, type RequestDetails, uniqueAddress } from './email-fixture';
import { type Policy, TestSmtpServer } from './test-smtp-server';

jest.setTimeout(90_000);

const busy = { code: 451, message: '4.3.0 try again later' };
const noSuchUser = { code: 550, message: '5.1.1 no such user' };

describe('email: SMTP failures, retries, dead letters and the notification log', () => {
  let smtp: TestSmtpServer;
  let fixture: EmailFixture;
  let probe: TopicProbe;
  let admin: SignedIn;
  /** Per address, how the server answers; anything else is accepted. */
  const policies = new Map<string, Policy>();

  const reply = (): RequestDetails => ({
    kind: 'agent-reply',
    agentName: 'Alan',
    reply: 'Here is your answer.',
    conversationUrl: fixture.sealed('https://parley.example/conversation/r?token=t'),
  });
  const requestTo = (email: string) =>
    fixture.request(admin.tenant.id, { ...reply(), to: { email } });
  const http = () => request(fixture.email.url);

  beforeAll(async () => {
    smtp = await TestSmtpServer.start((address, attempt) =>
      (policies.get(address) ?? (() => 'accept'))(address, attempt),
    );
    // The service first: it creates the topics the probe reads.
    fixture = await EmailFixture.start({
      SMTP_URL: smtp.url,
      EMAIL_RETRY_DELAYS_MS: '200,400,600',
    });
    probe = await TopicProbe.start([
      NotificationFailedV1.topic,
      deadLetterTopic(NotificationRequestedV1.topic),
    ]);
    admin = await fixture.signup();
  });

  afterAll(async () => {
    await probe.stop();
    await fixture.close();
    await smtp.close();
  });

  it('gets a mail through a server that refuses twice for now, then accepts', async () => {
    const to = uniqueAddress();
    policies.set(to, (_address, attempt) => (attempt <= 2 ? busy : 'accept'));
    const event = await requestTo(to);
    const logged = await fixture.waitForState(event.payload.notificationId, 'sent');
    expect(logged).toMatchObject({ attempts: 3, lastError: null });
    expect(smtp.attempts.get(to)).toBe(3);
    const [mail] = smtp.receivedBy(to);
    expect(smtp.receivedBy(to)).toHaveLength(1);
    expect(mail.messageId).toBe(`<${event.payload.notificationId}@parley.local>`);
  });

  it('gives up after the last retry: dead, dead-lettered, notification.failed', async () => {
    const to = uniqueAddress();
    policies.set(to, () => busy);
    const event = await requestTo(to);
    const id = event.payload.notificationId;
    const logged = await fixture.waitForState(id, 'dead');
    // The first try and one retry per configured delay.
    expect(logged.attempts).toBe(4);
    expect(logged.lastError).toContain('451');
    expect(smtp.attempts.get(to)).toBe(4);
    const failed = await probe.waitFor(
      (message) => message.topic === NotificationFailedV1.topic && message.value.includes(id),
    );
    expect(JSON.parse(failed.value).payload).toMatchObject({ attempts: 4, permanent: false });
    await probe.waitFor(
      (message) =>
        message.topic === deadLetterTopic(NotificationRequestedV1.topic) &&
        JSON.parse(message.value).id === event.id,
    );
  });

  it('does not retry a permanent refusal, and mails that address no more (hard bounce)', async () => {
    const to = uniqueAddress();
    policies.set(to, () => noSuchUser);
    const event = await requestTo(to);
    const id = event.payload.notificationId;
    const logged = await fixture.waitForState(id, 'dead');
    expect(logged.attempts).toBe(1);
    expect(logged.lastError).toContain('550');
    const failed = await probe.waitFor(
      (message) => message.topic === NotificationFailedV1.topic && message.value.includes(id),
    );
    expect(JSON.parse(failed.value).payload).toMatchObject({ attempts: 1, permanent: true });
    await probe.waitFor(
      (message) =>
        message.topic === deadLetterTopic(NotificationRequestedV1.topic) &&
        JSON.parse(message.value).id === event.id,
    );

    const next = await requestTo(to);
    const suppressed = await fixture.waitForState(next.payload.notificationId, 'suppressed');
    expect(suppressed.lastError).toContain('hard bounce');
    expect(smtp.attempts.get(to)).toBe(1);
  });

  describe('the notification log API', () => {
    let other: SignedIn;
    let deadId: string;
    let sentIds: string[];
    let deadAddress: string;

    beforeAll(async () => {
      other = await fixture.signup();
      deadAddress = uniqueAddress();
      policies.set(deadAddress, () => noSuchUser);
      // A fresh tenant: its log holds exactly these three.
      admin = await fixture.signup();
      const first = await requestTo(uniqueAddress());
      await fixture.waitForState(first.payload.notificationId, 'sent');
      const dead = await requestTo(deadAddress);
      await fixture.waitForState(dead.payload.notificationId, 'dead');
      const last = await fixture.request(admin.tenant.id, {
        kind: 'usage-report',
        day: '2026-11-20',
        figures: [{ label: 'Conversations', value: '3' }],
        dashboardUrl: 'https://parley.example/app/analytics',
        to: { email: uniqueAddress('admin') },
      });
      await fixture.waitForState(last.payload.notificationId, 'sent');
      deadId = dead.payload.notificationId;
      sentIds = [last.payload.notificationId, first.payload.notificationId];
    });

    const list = (query: string, token = admin.accessToken) =>
      http().get(`/api/email/notifications${query}`).set(bearer(token));

    it('lists the tenant’s notifications newest first, filtered by state and kind, in pages', async () => {
      const all = await list('').expect(200);
      expect(all.body.notifications.map((n: { id: string }) => n.id)).toEqual([
        sentIds[0],
        deadId,
        sentIds[1],
      ]);
      expect(all.body.notifications[1]).toMatchObject({
        state: 'dead',
        kind: 'agent-reply',
        recipient: deadAddress,
        attempts: 1,
      });
      expect(all.body.notifications[1].lastError).toContain('550');
      expect(JSON.stringify(all.body)).not.toContain('sealed');

      const dead = await list('?state=dead').expect(200);
      expect(dead.body.notifications.map((n: { id: string }) => n.id)).toEqual([deadId]);
      const reports = await list('?kind=usage-report').expect(200);
      expect(reports.body.notifications.map((n: { id: string }) => n.id)).toEqual([sentIds[0]]);

      const first = await list('?limit=2').expect(200);
      expect(first.body.notifications).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.notifications.map((n: { id: string }) => n.id)).toEqual([sentIds[1]]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('answers bad filters with 400 naming the field, and strangers with 401/403/404', async () => {
      const badState = await list('?state=lost').expect(400);
      expect(JSON.stringify(badState.body)).toContain('state');
      const badCursor = await list('?cursor=bm9wZQ').expect(400);
      expect(JSON.stringify(badCursor.body)).toContain('cursor');
      await list('?limit=1000').expect(400);
      await http().get('/api/email/notifications').expect(401);

      // Another tenant sees none of it.
      const theirs = await list('', other.accessToken).expect(200);
      expect(theirs.body.notifications).toEqual([]);
      await http()
        .get(`/api/email/notifications/${deadId}`)
        .set(bearer(other.accessToken))
        .expect(404);
      await http()
        .post(`/api/email/notifications/${deadId}/retry`)
        .set(bearer(other.accessToken))
        .expect(404);

      // An agent without notifications:manage.
      const agent = await fixture.directory.agent(admin);
      await list('', agent.accessToken).expect(403);
    });

    it('retries a dead notification by hand, with fresh retries; only a dead one', async () => {
      await http()
        .post(`/api/email/notifications/${sentIds[0]}/retry`)
        .set(bearer(admin.accessToken))
        .expect(409);

      policies.set(deadAddress, () => 'accept');
      const retried = await http()
        .post(`/api/email/notifications/${deadId}/retry`)
        .set(bearer(admin.accessToken))
        .expect(202);
      expect(retried.body.state).toBe('queued');
      // The refusal suppressed the address for this kind (hard bounce); the admin's retry
      // lifts that.
      const sent = await fixture.waitForState(deadId, 'sent');
      expect(sent.attempts).toBe(2);
      await eventually(() => expect(smtp.receivedBy(deadAddress)).toHaveLength(1));
    });
  });
});
