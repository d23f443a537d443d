import {
  ChatroomClosedV1,
  IntercomConversationClosedV1,
  NotificationRequestedV1,
} from '@app/contracts';
import {
  bearer,
  eventually,
  STAND_IN_ADMIN,
  type StandInPart,
  TopicProbe,
  uniqueSuffix,
} from '@app/testing';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { IntercomFixture } from './intercom-fixture';

jest.setTimeout(120_000);

const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/** A part as a notification carries it, that Intercom's API does not hold (only a webhook has it). */
function partOnlyInWebhook(body: string, partType = 'comment'): StandInPart {
  const now = Math.floor(Date.now() / 1000);
  return {
    type: 'conversation_part',
    id: String(900_000_000 + Math.floor(Math.random() * 99_999_999)),
    part_type: partType,
    body,
    created_at: now,
    updated_at: now,
    notified_at: now,
    author: { type: 'admin', ...STAND_IN_ADMIN },
    attachments: [],
    redacted: false,
  };
}

describe('the Intercom bridge', () => {
  let fixture: IntercomFixture;
  let topics: TopicProbe;

  beforeAll(async () => {
    topics = await TopicProbe.start(
      [NotificationRequestedV1.topic, ChatroomClosedV1.topic, IntercomConversationClosedV1.topic],
      await TopicProbe.mark(),
    );
    fixture = await IntercomFixture.start();
  });

  afterAll(async () => {
    await fixture?.close();
    await topics?.stop();
  });

  it('connects with a token Intercom accepts, and never answers or stores the token or the secret in clear', async () => {
    const { admin } = await fixture.chat.tenantWithChatbot();
    const before = await fixture.status(admin).expect(200);
    expect(before.body).toMatchObject({
      connected: false,
      scope: null,
      webhookUrl: `https://localhost:8443/api/chat/integrations/intercom/webhooks/${admin.tenant.id}`,
    });

    const refused = await fixture.connect(admin, { accessToken: 'not-a-token-intercom-knows' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'intercom_token_refused',
      errors: [{ field: 'accessToken' }],
    });
    const missing = await fixture.connect(admin, { accessToken: undefined });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('accessToken');
    expect((await fixture.status(admin).expect(200)).body.connected).toBe(false);

    const connected = await fixture
      .connect(admin, { scope: { allChatbots: false, chatbotIds: ['some-chatbot'] } })
      .expect(200);
    const status = await fixture.status(admin).expect(200);
    for (const answer of [connected, status]) {
      expect(answer.body).toMatchObject({
        connected: true,
        scope: { allChatbots: false, chatbotIds: ['some-chatbot'], categoryIds: [] },
        workspace: { name: 'Stand-in Workspace', adminName: STAND_IN_ADMIN.name },
      });
      expect(answer.text).not.toContain(fixture.intercom.accessToken);
      expect(answer.text).not.toContain(fixture.intercom.clientSecret);
    }
    const stored = await fixture.chat.chat.db
      .collection('intercom_connections')
      .findOne({ _id: admin.tenant.id as never });
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(fixture.intercom.accessToken);
    expect(JSON.stringify(stored)).not.toContain(fixture.intercom.clientSecret);

    // A change of scope keeps the credentials.
    await fixture.connect(admin, { accessToken: undefined, clientSecret: undefined }).expect(200);
    expect((await fixture.status(admin).expect(200)).body.scope.allChatbots).toBe(true);

    const agent = await fixture.chat.activeAgent(admin);
    await request(fixture.chat.chat.url)
      .get('/api/chat/integrations/intercom')
      .set(bearer(agent.accessToken))
      .expect(403);

    await request(fixture.chat.chat.url)
      .delete('/api/chat/integrations/intercom')
      .set(bearer(admin.accessToken))
      .expect(204);
    expect((await fixture.status(admin).expect(200)).body.connected).toBe(false);
  });

  it('stops a workspace making Parley call Intercom more than 10 times in 10 minutes', async () => {
    const { admin } = await fixture.chat.tenantWithChatbot();
    const checksBefore = fixture.intercom.calls('GET', '/me').length;
    const answers = await Promise.all(
      Array.from({ length: 14 }, () => fixture.connect(admin, { accessToken: 'guessing' })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.body.code).toBe('tenant_rate_limited');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(fixture.intercom.calls('GET', '/me').length - checksBefore).toBeLessThanOrEqual(10);

    // The right token is refused too until the window passes; another workspace is not.
    expect((await fixture.connect(admin)).status).toBe(429);
    const other = await fixture.chat.tenantWithChatbot();
    await fixture.connect(other.admin).expect(200);
  });

  it("starts the Intercom conversation from the visitor's contact, adds later messages as replies, once each", async () => {
    const { chatbot } = await fixture.connectedTenant();
    const { roomId, email, visitor, conversation } = await fixture.bridgedConversation(
      chatbot,
      'Where is my order?',
    );
    expect(conversation.source.body).toBe('Where is my order?');
    expect(fixture.intercom.contacts.get(conversation.contactId)).toMatchObject({
      email,
      name: 'Vera Visitor',
    });
    const starts = fixture.intercom.calls('POST', '/conversations');
    expect(starts.every((call) => call.intercomVersion === '2.11')).toBe(true);

    await visitor.emitWithAck('message:send', { clientMessageId: 'v-2', body: 'It was #1234.' });
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-3', body: 'Thanks!' });
    await eventually(() =>
      expect(conversation.parts.map((part) => part.body)).toEqual([
        '<p>It was #1234.</p>',
        '<p>Thanks!</p>',
      ]),
    );
    expect(conversation.parts.every((part) => part.author.id === conversation.contactId)).toBe(
      true,
    );

    const room = await fixture.chat.chat.db.collection('rooms').findOne({ _id: roomId as never });
    expect(room?.intercomConversationId).toBe(conversation.id);
    await settle();
    expect(conversation.parts).toHaveLength(2);
    expect(
      fixture.intercom
        .calls('POST', '/conversations')
        .filter(
          (call) => (call.body as { from: { id: string } }).from.id === conversation.contactId,
        ),
    ).toHaveLength(1);
  });

  it('uses the contact Intercom already has for the email, even one its search does not find yet', async () => {
    const { chatbot } = await fixture.connectedTenant();
    const email = `known-${uniqueSuffix()}@example.test`;
    const existing = fixture.intercom.contactCreatedElsewhere(email);
    const session = await fixture.chat.openSession(chatbot, { email }).expect(201);
    const visitor = await fixture.chat.visitor(session.body.visitorToken);
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-1', body: 'Hello?' });
    const conversation = await eventually(() => {
      const found = fixture.intercom.conversationOf(email);
      if (!found) throw new Error('not started yet');
      return found;
    });
    expect(conversation.contactId).toBe(existing.id);
    expect([...fixture.intercom.contacts.values()].filter((c) => c.email === email)).toHaveLength(
      1,
    );
  });

  it("shows an Intercom admin's reply to the visitor once, from that admin, however often the webhook comes", async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { roomId, inbox, conversation } = await fixture.bridgedConversation(chatbot);
    // Only in the webhook: the polling fallback cannot be what delivers it.
    const reply = partOnlyInWebhook(
      '<p>Hi Vera!</p><p>It ships <b>today</b> &amp; arrives Friday.</p>',
    );
    const notification = fixture.intercom.notification(
      'conversation.admin.replied',
      conversation.id,
      [reply],
    );
    const url = fixture.webhookUrl(admin.tenant.id);
    expect((await fixture.intercom.deliver(url, notification)).status).toBe(200);

    const shown = await inbox.waitForMessage((message) => message.sender.type === 'agent');
    expect(shown).toMatchObject({
      roomId,
      body: 'Hi Vera!\nIt ships today & arrives Friday.',
      sender: { type: 'agent', name: STAND_IN_ADMIN.name },
    });
    // Replayed (Intercom retries, or someone an hour later): nothing new.
    for (let replay = 0; replay < 3; replay++)
      expect((await fixture.intercom.deliver(url, notification)).status).toBe(200);
    await settle();
    expect(IntercomFixture.agentBodies(inbox)).toEqual([
      'Hi Vera!\nIt ships today & arrives Friday.',
    ]);
    const stored = await fixture.chat.chat.db
      .collection('messages')
      .countDocuments({ roomId, clientMessageId: `intercom:${reply.id}` });
    expect(stored).toBe(1);

    // An internal note never reaches the visitor.
    const note = partOnlyInWebhook('<p>Customer is VIP</p>', 'note');
    await fixture.intercom.deliver(
      url,
      fixture.intercom.notification('conversation.admin.noted', conversation.id, [note]),
    );
    const status = await fixture.status(admin).expect(200);
    expect(status.body.lastWebhookAt).not.toBeNull();
    await settle();
    expect(IntercomFixture.agentBodies(inbox)).toHaveLength(1);
  });

  it('emails the reply to a visitor who is away, as for any agent reply', async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { roomId, email, visitor, conversation } = await fixture.bridgedConversation(chatbot);
    visitor.disconnect();
    await eventually(async () => {
      const room = await fixture.chat.chat.db.collection('rooms').findOne({ _id: roomId as never });
      expect(room?.awayUntil).toBeTruthy();
    });
    const reply = fixture.intercom.adminReplies(conversation.id, '<p>We found it.</p>');
    await fixture.intercom.deliver(
      fixture.webhookUrl(admin.tenant.id),
      fixture.intercom.notification('conversation.admin.replied', conversation.id, [reply]),
    );
    const mail = await topics.waitFor(
      (message) => message.value.includes('"agent-reply"') && message.value.includes(email),
    );
    expect(JSON.parse(mail.value).payload).toMatchObject({
      agentName: STAND_IN_ADMIN.name,
      reply: 'We found it.',
      to: { email },
    });
  });

  it('answers an unsigned or wrongly signed notification 401, and nothing changes', async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { roomId, inbox, conversation } = await fixture.bridgedConversation(chatbot);
    const url = fixture.webhookUrl(admin.tenant.id);
    const forged = fixture.intercom.notification('conversation.admin.replied', conversation.id, [
      partOnlyInWebhook('<p>Pay at evil.example</p>'),
    ]);
    const closing = fixture.intercom.notification('conversation.admin.closed', conversation.id, [
      partOnlyInWebhook('', 'close'),
    ]);
    for (const notification of [forged, closing]) {
      for (const options of [
        { signature: null },
        { secret: 'not-the-client-secret' },
        { signature: 'sha1=0000' },
        { signature: 'garbage' },
      ]) {
        const answer = await fixture.intercom.deliver(url, notification, options);
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_signature' });
      }
    }
    // The same body, its signature kept, with one byte changed.
    const signedBody = JSON.stringify(forged);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Hub-Signature': `sha1=${createHmac('sha1', fixture.intercom.clientSecret).update(signedBody).digest('hex')}`,
      },
      body: signedBody.replace('evil', 'evIl'),
    });
    expect(tampered.status).toBe(401);

    await settle();
    expect(IntercomFixture.agentBodies(inbox)).toEqual([]);
    const room = await fixture.chat.chat.db.collection('rooms').findOne({ _id: roomId as never });
    expect(room?.status).not.toBe('closed');
    expect((await fixture.status(admin).expect(200)).body.lastWebhookAt).toBeNull();
  });

  it('finds a reply whose webhook was missed by polling, and shows one that came both ways once', async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { inbox, conversation } = await fixture.bridgedConversation(chatbot);

    fixture.intercom.adminReplies(conversation.id, '<p>Missed by the webhook</p>');
    await inbox.waitForMessage((message) => message.body === 'Missed by the webhook');

    const both = fixture.intercom.adminReplies(conversation.id, '<p>Sent both ways</p>');
    const sentAt = Date.now();
    await fixture.intercom.deliver(
      fixture.webhookUrl(admin.tenant.id),
      fixture.intercom.notification('conversation.admin.replied', conversation.id, [both]),
    );
    await inbox.waitForMessage((message) => message.body === 'Sent both ways');
    // Wait until a poll fetched the conversation after the reply, then count.
    await eventually(
      () =>
        expect(
          fixture.intercom
            .calls('GET', `/conversations/${conversation.id}`)
            .some((call) => call.at > sentAt && call.answered === 200),
        ).toBe(true),
      { timeoutMs: 30_000 },
    );
    await settle();
    expect(IntercomFixture.agentBodies(inbox)).toEqual(['Missed by the webhook', 'Sent both ways']);
    expect((await fixture.status(admin).expect(200)).body.lastPollAt).not.toBeNull();
  });

  it('closes the room as resolved when Intercom closes the conversation, and announces it once', async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { roomId, email, conversation } = await fixture.bridgedConversation(chatbot);
    const close = fixture.intercom.adminCloses(conversation.id);
    const notification = fixture.intercom.notification(
      'conversation.admin.closed',
      conversation.id,
      [close],
    );
    const url = fixture.webhookUrl(admin.tenant.id);
    await fixture.intercom.deliver(url, notification);
    await fixture.intercom.deliver(url, notification);

    const closed = await topics.waitFor(
      (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
    );
    expect(JSON.parse(closed.value).payload).toMatchObject({
      reason: 'resolved',
      closedBy: 'system',
    });
    const announced = await topics.waitFor(
      (message) =>
        message.topic === IntercomConversationClosedV1.topic && message.key === conversation.id,
    );
    expect(JSON.parse(announced.value)).toMatchObject({
      tenantId: admin.tenant.id,
      payload: {
        intercomConversationId: conversation.id,
        roomId,
        chatbotId: chatbot.id,
        contact: { email, name: 'Vera Visitor' },
        closedBy: { id: STAND_IN_ADMIN.id, name: STAND_IN_ADMIN.name },
        closedAt: new Date(close.created_at * 1000).toISOString(),
      },
    });
    await settle();
    expect(
      topics.messages.filter(
        (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
      ),
    ).toHaveLength(1);
    // Every announcement of this close is the same event: consumers drop the repeats by id.
    const ids = topics.messages
      .filter(
        (message) =>
          message.topic === IntercomConversationClosedV1.topic && message.key === conversation.id,
      )
      .map((message) => JSON.parse(message.value).id);
    expect(new Set(ids).size).toBe(1);
    // Closed by Intercom: Parley's close of the room is not sent back to it.
    expect(fixture.intercom.calls('POST', `/conversations/${conversation.id}/parts`)).toEqual([]);
  });

  it('closes the Intercom conversation when an agent closes the room in Parley, once', async () => {
    const { admin, chatbot } = await fixture.connectedTenant();
    const { roomId, conversation } = await fixture.bridgedConversation(chatbot);
    const history = await request(fixture.chat.chat.url)
      .get('/api/chat/rooms')
      .set(bearer(admin.accessToken))
      .expect(200);
    const listed = (history.body.rooms as Array<{ roomId: string }>).find(
      (room) => room.roomId === roomId,
    );
    expect(listed).toMatchObject({ intercomConversationId: conversation.id });
    const agent = await fixture.chat.agent(admin.accessToken);
    await agent.emitWithAck('room:join', { roomId });
    await agent.emitWithAck('room:close', { roomId, reason: 'resolved' });

    await eventually(() => expect(conversation.state).toBe('closed'), { timeoutMs: 30_000 });
    const close = conversation.parts.at(-1);
    expect(close).toMatchObject({ part_type: 'close', author: { id: STAND_IN_ADMIN.id } });

    // Intercom tells Parley of that close as of any: nothing more happens.
    const delivered = await fixture.intercom.deliver(
      fixture.webhookUrl(admin.tenant.id),
      fixture.intercom.notification('conversation.admin.closed', conversation.id, [close!]),
    );
    expect(delivered.status).toBe(200);
    await settle();
    expect(fixture.intercom.calls('POST', `/conversations/${conversation.id}/parts`)).toHaveLength(
      1,
    );
    expect(
      topics.messages.filter(
        (message) =>
          message.topic === IntercomConversationClosedV1.topic && message.key === conversation.id,
      ),
    ).toEqual([]);
  });

  it('finds a close whose webhook was missed by polling', async () => {
    const { chatbot } = await fixture.connectedTenant();
    const { roomId, conversation } = await fixture.bridgedConversation(chatbot);
    fixture.intercom.adminCloses(conversation.id);
    await topics.waitFor(
      (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
      30_000,
    );
    await topics.waitFor(
      (message) =>
        message.topic === IntercomConversationClosedV1.topic &&
        JSON.parse(message.value).payload.roomId === roomId,
    );
  });

  it('announces the close of a conversation started in Intercom, with no room', async () => {
    const { admin } = await fixture.connectedTenant();
    const conversation = fixture.intercom.conversationStartedInIntercom(
      `intercom-only-${uniqueSuffix()}@example.test`,
    );
    const close = fixture.intercom.adminCloses(conversation.id);
    await fixture.intercom.deliver(
      fixture.webhookUrl(admin.tenant.id),
      fixture.intercom.notification('conversation.admin.closed', conversation.id, [close]),
    );
    const announced = await topics.waitFor(
      (message) =>
        message.topic === IntercomConversationClosedV1.topic && message.key === conversation.id,
    );
    expect(JSON.parse(announced.value).payload).toMatchObject({
      intercomConversationId: conversation.id,
      roomId: null,
      chatbotId: null,
      closedBy: { id: STAND_IN_ADMIN.id },
    });
  });

  it("keeps a tenant's webhook path and secret from reaching another tenant's conversations", async () => {
    const victim = await fixture.connectedTenant();
    const { roomId, inbox, conversation } = await fixture.bridgedConversation(victim.chatbot);
    const attacker = await fixture.chat.tenantWithChatbot();
    const attackerSecret = `attacker-secret-${uniqueSuffix()}`;
    await fixture.connect(attacker.admin, { clientSecret: attackerSecret }).expect(200);

    const injected = fixture.intercom.notification('conversation.admin.replied', conversation.id, [
      partOnlyInWebhook('<p>Injected</p>'),
    ]);
    const closing = fixture.intercom.notification('conversation.admin.closed', conversation.id, [
      partOnlyInWebhook('', 'close'),
    ]);
    for (const notification of [injected, closing]) {
      // The victim's path with the attacker's secret: refused.
      const refused = await fixture.intercom.deliver(
        fixture.webhookUrl(victim.admin.tenant.id),
        notification,
        { secret: attackerSecret },
      );
      expect(refused.status).toBe(401);
      // The attacker's own path: accepted, but it speaks for the attacker's workspace only.
      const own = await fixture.intercom.deliver(
        fixture.webhookUrl(attacker.admin.tenant.id),
        notification,
        { secret: attackerSecret },
      );
      expect(own.status).toBe(200);
    }
    await settle();
    expect(IntercomFixture.agentBodies(inbox)).toEqual([]);
    const room = await fixture.chat.chat.db.collection('rooms').findOne({ _id: roomId as never });
    expect(room?.status).not.toBe('closed');
    expect(
      topics.messages.some(
        (message) =>
          message.topic === IntercomConversationClosedV1.topic &&
          JSON.parse(message.value).payload.roomId === roomId,
      ),
    ).toBe(false);
  });
});
