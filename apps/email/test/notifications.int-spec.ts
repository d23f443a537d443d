import {
  deadLetterTopic,
  type NotificationKind,
  NotificationFailedV1,
  NotificationRequestedV1,
  NotificationSentV1,
  VISITOR_NOTIFICATION_KINDS,
} from '@app/contracts';
import { produceRaw, TopicProbe, uniqueSuffix } from '@app/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  EmailFixture,
  expectMail,
  mailTo,
  type RequestDetails,
  uniqueAddress,
} from './email-fixture';

jest.setTimeout(90_000);

const conversationUrl = 'https://parley.example/conversation/room-1?token=visitor-token';

describe('email: notification.requested to a real SMTP server', () => {
  let fixture: EmailFixture;
  let probe: TopicProbe;
  const tenantId = `tenant-${uniqueSuffix()}`;

  beforeAll(async () => {
    // The service first: it creates the topics the probe reads.
    fixture = await EmailFixture.start();
    probe = await TopicProbe.start([
      NotificationSentV1.topic,
      NotificationFailedV1.topic,
      deadLetterTopic(NotificationRequestedV1.topic),
    ]);
    await fixture.brand(tenantId, 'Acme Shoes', '#c2410c');
  });

  afterAll(async () => {
    await probe.stop();
    await fixture.close();
  });

  const requests: Record<NotificationKind, () => RequestDetails> = {
    'visitor-welcome': () => ({
      kind: 'visitor-welcome',
      chatbotName: 'Shoe help',
      conversationUrl: fixture.sealed(conversationUrl),
    }),
    'agent-reply': () => ({
      kind: 'agent-reply',
      agentName: 'Alan',
      reply: 'Your size 42 is back in stock.',
      conversationUrl: fixture.sealed(conversationUrl),
    }),
    'offline-message-received': () => ({
      kind: 'offline-message-received',
      chatbotName: 'Shoe help',
      message: 'Do you ship to Iceland?',
      conversationUrl: fixture.sealed(conversationUrl),
    }),
    'conversation-transcript': () => ({
      kind: 'conversation-transcript',
      reason: 'resolved',
      lines: [
        {
          from: 'Vera',
          senderType: 'visitor',
          body: 'Do you have size 42?',
          at: '2026-11-20T10:00:00.000Z',
        },
        {
          from: 'Alan',
          senderType: 'agent',
          body: 'Yes, in blue.',
          at: '2026-11-20T10:01:00.000Z',
        },
      ],
    }),
    'password-reset': () => ({
      kind: 'password-reset',
      resetUrl: fixture.sealed('https://parley.example/app/reset?token=reset-token'),
      expiresAt: '2026-11-20T11:00:00.000Z',
    }),
    'agent-invite': () => ({
      kind: 'agent-invite',
      inviterName: 'Ada',
      acceptUrl: fixture.sealed('https://parley.example/app/accept?token=invite-token'),
      expiresAt: '2026-11-27T11:00:00.000Z',
    }),
    'email-verification': () => ({
      kind: 'email-verification',
      verifyUrl: fixture.sealed('https://parley.example/app/verify-email#token=verify-token'),
      expiresAt: '2026-11-21T11:00:00.000Z',
    }),
    'usage-report': () => ({
      kind: 'usage-report',
      day: '2026-11-20',
      figures: [
        { label: 'Conversations', value: '128' },
        { label: 'Abandoned', value: '7' },
      ],
      dashboardUrl: 'https://parley.example/app/analytics',
    }),
    'sla-breached': () => ({
      kind: 'sla-breached',
      displayId: 42,
      breach: 'first_response',
      dueAt: '2026-11-20T10:05:00.000Z',
      priority: 'high',
      escalation: 'raise-priority',
      dashboardUrl: 'https://parley.example/app/inbox',
    }),
    'webhook-disabled': () => ({
      kind: 'webhook-disabled',
      endpointUrl: 'https://hooks.example.com/parley',
      failingSince: '2026-11-19T10:00:00.000Z',
      lastError: 'HTTP 500',
      dashboardUrl: 'https://parley.example/app/webhooks',
    }),
  };

  const expected: Record<NotificationKind, { subject: string; content: string[] }> = {
    'visitor-welcome': {
      subject: 'Your conversation with Acme Shoes',
      content: ['A live agent will join the chat shortly', 'Shoe help', conversationUrl],
    },
    'agent-reply': {
      subject: 'Alan replied to your conversation with Acme Shoes',
      content: ['Your size 42 is back in stock.', conversationUrl],
    },
    'offline-message-received': {
      subject: 'We received your message to Acme Shoes',
      content: ['Do you ship to Iceland?', 'an agent will reply to this address', conversationUrl],
    },
    'conversation-transcript': {
      subject: 'Transcript of your conversation with Acme Shoes',
      content: ['Do you have size 42?', 'Yes, in blue.', 'was resolved', '20 Nov 2026'],
    },
    'password-reset': {
      subject: 'Reset your password for Acme Shoes on Parley',
      content: ['https://parley.example/app/reset?token=reset-token'],
    },
    'agent-invite': {
      subject: 'Ada invited you to Acme Shoes on Parley',
      content: ['https://parley.example/app/accept?token=invite-token'],
    },
    'email-verification': {
      subject: 'Confirm your email to start Acme Shoes on Parley',
      content: ['https://parley.example/app/verify-email#token=verify-token'],
    },
    'usage-report': {
      subject: 'Acme Shoes on Parley: your report for 2026-11-20',
      content: ['Conversations', '128', 'https://parley.example/app/analytics'],
    },
    'sla-breached': {
      subject: 'Acme Shoes: conversation #42 missed its first response target',
      content: ['Its priority was raised.', 'https://parley.example/app/inbox'],
    },
    'webhook-disabled': {
      subject: 'Acme Shoes: a webhook endpoint was disabled',
      content: [
        'https://hooks.example.com/parley',
        'HTTP 500',
        'https://parley.example/app/webhooks',
      ],
    },
  };

  it.each(Object.keys(requests) as NotificationKind[])(
    '%s arrives with its recipient, subject, HTML and text parts, in the tenant colour',
    async (kind) => {
      const to = uniqueAddress(kind);
      const event = await fixture.request(tenantId, {
        ...requests[kind](),
        to: { email: to, name: 'Vera' },
      });
      const [mail] = await expectMail(to);

      expect(mail.to).toEqual([{ address: to, name: 'Vera' }]);
      expect(mail.subject).toBe(expected[kind].subject);
      for (const part of expected[kind].content) {
        expect(mail.text).toContain(part);
        expect(mail.shownHtml).toContain(part);
      }
      expect(mail.html).toContain('#c2410c');
      expect(mail.html).toContain('Acme Shoes');
      expect(mail.messageId).toBe(`${event.payload.notificationId}@parley.local`);

      const isForVisitor = (VISITOR_NOTIFICATION_KINDS as readonly string[]).includes(kind);
      expect(mail.shownHtml.includes('/api/email/unsubscribe?token=')).toBe(isForVisitor);
      expect(mail.text.includes('/api/email/unsubscribe?token=')).toBe(isForVisitor);
      expect(Boolean(mail.headers['list-unsubscribe'])).toBe(isForVisitor);

      const logged = await fixture.waitForState(event.payload.notificationId, 'sent');
      expect(logged).toMatchObject({ kind, recipient: to, attempts: 1, tenantId });
      // One-time links stay sealed at rest.
      expect(JSON.stringify(logged)).not.toContain('token=');
      await probe.waitFor(
        (message) =>
          message.value.includes(event.payload.notificationId) &&
          message.topic === NotificationSentV1.topic,
      );
    },
  );

  it('shows what users typed as text: HTML in a name or a message arrives escaped', async () => {
    const to = uniqueAddress();
    await fixture.request(tenantId, {
      kind: 'agent-reply',
      agentName: '<b>Eve</b>',
      reply: '<script>alert("hi")</script> & <img src=x onerror=alert(1)>',
      conversationUrl: fixture.sealed(conversationUrl),
      to: { email: to, name: '<i>Vera</i>' },
    });
    const [mail] = await expectMail(to);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).not.toContain('<b>Eve</b>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    // The plain-text part shows the characters as typed.
    expect(mail.text).toContain('<script>alert("hi")</script> & <img src=x onerror=alert(1)>');
    expect(mail.subject).toBe('<b>Eve</b> replied to your conversation with Acme Shoes');
  });

  it('sends one email for one notification, however often it is requested', async () => {
    const to = uniqueAddress();
    const event = await fixture.request(tenantId, {
      ...requests['agent-reply'](),
      to: { email: to },
    });
    // The same event again (a redelivery), and the same notification in a new event (a retry
    // of the producer).
    await fixture.publish(event);
    await fixture.publish({ ...event, id: randomUUID() });
    // Same tenant, same partition: once this later one is sent, the copies before it were read.
    const later = uniqueAddress();
    await fixture.request(tenantId, { ...requests['agent-reply'](), to: { email: later } });
    await expectMail(later);
    await fixture.waitForState(event.payload.notificationId, 'sent');
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('stops a kind of mail to an address through the unsubscribe link, and only that kind', async () => {
    const to = uniqueAddress();
    await fixture.request(tenantId, { ...requests['agent-reply'](), to: { email: to } });
    const [mail] = await expectMail(to);
    const link = new URL(
      /https?:\/\/\S+\/api\/email\/unsubscribe\?token=[\w.-]+/.exec(mail.text)![0],
    );
    const path = `${link.pathname}${link.search}`;
    const http = request(fixture.email.url);

    const page = await http.get(path).expect(200);
    expect(page.text).toContain(`to ${to}`);
    expect(page.text).toContain('<form method="post"');
    // Opening the link (a mail scanner does) changes nothing; the click does.
    const stillSent = await fixture.request(tenantId, {
      ...requests['agent-reply'](),
      to: { email: to },
    });
    await fixture.waitForState(stillSent.payload.notificationId, 'sent');

    await http.post(path).expect(200);
    const stopped = await fixture.request(tenantId, {
      ...requests['agent-reply'](),
      to: { email: to },
    });
    const logged = await fixture.waitForState(stopped.payload.notificationId, 'suppressed');
    expect(logged.lastError).toContain('unsubscribed');
    // Another kind still goes.
    const transcript = await fixture.request(tenantId, {
      ...requests['conversation-transcript'](),
      to: { email: to },
    });
    await fixture.waitForState(transcript.payload.notificationId, 'sent');
    expect(await mailTo(to)).toHaveLength(3);

    // A changed token unsubscribes nobody.
    await http.post(path.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))).expect(400);
    await http.get('/api/email/unsubscribe?token=nonsense').expect(400);
  });

  it('marks an invalid address a permanent failure with its reason, dead-lettered and announced', async () => {
    const event = await fixture.request(tenantId, {
      ...requests['agent-reply'](),
      to: { email: 'not an address' },
    });
    const id = event.payload.notificationId;
    const logged = await fixture.waitForState(id, 'dead');
    expect(logged.lastError).toContain('invalid recipient address');
    expect(logged.attempts).toBe(0);
    const failed = await probe.waitFor(
      (message) => message.topic === NotificationFailedV1.topic && message.value.includes(id),
    );
    expect(JSON.parse(failed.value).payload).toMatchObject({
      notificationId: id,
      permanent: true,
      kind: 'agent-reply',
    });
    const parked = await probe.waitFor(
      (message) =>
        message.topic === deadLetterTopic(NotificationRequestedV1.topic) &&
        message.value.includes(id),
    );
    expect(JSON.parse(parked.value).id).toBe(event.id);
  });

  it('passes over an attempt whose sender died between claiming and recording it', async () => {
    const id = randomUUID();
    const to = uniqueAddress();
    await fixture.email.db.collection('send_attempts').insertOne({
      _id: `${id}:1`,
      owner: 'a sender that died an hour ago',
      at: new Date(Date.now() - 3_600_000),
    } as never);
    await fixture.request(tenantId, {
      ...requests['agent-reply'](),
      notificationId: id,
      to: { email: to },
    });
    const logged = await fixture.waitForState(id, 'sent');
    expect(logged.attempts).toBe(2);
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('logs but does not send a notification requested longer ago than EMAIL_MAX_AGE_HOURS', async () => {
    const to = uniqueAddress();
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000).toISOString();
    const event = {
      id: randomUUID(),
      type: NotificationRequestedV1.type,
      version: 1,
      tenantId,
      occurredAt: twoDaysAgo,
      payload: {
        notificationId: randomUUID(),
        to: { email: to },
        tenantName: 'Acme',
        ...requests['visitor-welcome'](),
      },
    };
    await fixture.publish(event);
    const logged = await fixture.waitForState(event.payload.notificationId, 'dead');
    expect(logged.lastError).toContain('expired: requested 48 hours ago');
    // A fresh one after it goes; the old one never did.
    const fresh = await fixture.request(tenantId, {
      ...requests['visitor-welcome'](),
      to: { email: to },
    });
    await fixture.waitForState(fresh.payload.notificationId, 'sent');
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('parks an event that breaks the schema on the dead-letter topic and goes on', async () => {
    const broken = {
      id: randomUUID(),
      type: NotificationRequestedV1.type,
      version: 1,
      tenantId,
      occurredAt: new Date().toISOString(),
      payload: { kind: 'agent-reply', to: { email: uniqueAddress() } },
    };
    await produceRaw(NotificationRequestedV1.topic, tenantId, JSON.stringify(broken));
    const parked = await probe.waitFor((message) => message.value.includes(broken.id));
    expect(parked.headers['dlq-reason']).toBe('invalid');
    const to = uniqueAddress();
    await fixture.request(tenantId, { ...requests['visitor-welcome'](), to: { email: to } });
    await expectMail(to);
  });
});
