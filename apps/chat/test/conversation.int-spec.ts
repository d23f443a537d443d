import {
  appearanceSchema,
  ChatroomAssignedV1,
  ChatroomCreatedV1,
  MessageSentV1,
  NotificationRequestedV1,
  journeyFromPreChatForm,
  type PreChatForm,
} from '@app/contracts';
import { REDIS } from '@app/platform';
import { bearer, eventually, TopicProbe } from '@app/testing';
import type Redis from 'ioredis';
import request from 'supertest';
import { MessageSeqAllocator } from '../src/messages/message-seq.allocator';
import { ChatFixture, Inbox, SITE } from './chat-fixture';

describe('a conversation between a visitor and an agent', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    // From now: message.sent holds every earlier run's messages, too many to read from its start.
    probe = await TopicProbe.start(
      [
        ChatroomCreatedV1.topic,
        ChatroomAssignedV1.topic,
        MessageSentV1.topic,
        NotificationRequestedV1.topic,
      ],
      await TopicProbe.mark(),
    );
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  it('goes from the widget to the queue to a live chat, in both directions', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.agent(admin.accessToken);
    const agentInbox = new Inbox(agent);

    const session = await fixture
      .openSession(chatbot, { name: 'Vera', email: 'vera@example.test' })
      .expect(201);
    expect(session.body).toMatchObject({
      roomId: expect.any(String),
      visitorToken: expect.any(String),
    });
    const { roomId, visitorToken } = session.body;

    const visitor = await fixture.visitor(visitorToken);
    const visitorInbox = new Inbox(visitor);
    const waiting = await visitorInbox.waitForMessage(
      (message) => message.sender.type === 'system',
    );
    expect(waiting).toMatchObject({
      roomId,
      seq: 1,
      body: 'A live agent will join the chat shortly.',
    });

    await eventually(() =>
      expect(agentInbox.queues.at(-1)?.map((room) => room.roomId)).toContain(roomId),
    );
    const joined = await agent.emitWithAck('room:join', { roomId });
    expect(joined).toMatchObject({
      room: { roomId, status: 'active', agent: { id: admin.user.id } },
    });
    await visitorInbox.waitForUpdate(
      (update) => update.status === 'active' && update.agent?.id === admin.user.id,
    );

    const fromVisitor = await visitor.emitWithAck('message:send', {
      clientMessageId: 'v-1',
      body: 'Hello, my order is late',
    });
    expect(fromVisitor).toMatchObject({ id: expect.any(String), seq: 2 });
    const received = await agentInbox.waitForMessage(
      (message) => message.clientMessageId === 'v-1',
    );
    expect(received).toMatchObject({
      roomId,
      seq: 2,
      sender: { type: 'visitor', name: 'Vera' },
      body: 'Hello, my order is late',
    });

    const fromAgent = await agent.emitWithAck('message:send', {
      roomId,
      clientMessageId: 'a-1',
      body: 'Sorry! Looking now.',
    });
    expect(fromAgent).toMatchObject({ seq: 3 });
    await visitorInbox.waitForMessage(
      (message) => message.body === 'Sorry! Looking now.' && message.sender.type === 'agent',
    );

    const history = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/messages?after=0`)
      .set('Authorization', `Bearer ${visitorToken}`)
      .expect(200);
    expect(history.body.messages.map((message: { seq: number }) => message.seq)).toEqual([1, 2, 3]);

    await probe.waitFor(
      (message) => message.topic === ChatroomCreatedV1.topic && message.key === roomId,
    );
    await probe.waitFor(
      (message) => message.topic === ChatroomAssignedV1.topic && message.key === roomId,
    );
    await agent.emitWithAck('message:send', { roomId, clientMessageId: 'a-2', body: 'Found it.' });
    const sent = await eventually(() => {
      const events = probe.messages.filter(
        (message) => message.topic === MessageSentV1.topic && message.key === roomId,
      );
      expect(events).toHaveLength(4);
      return events.map((message) => JSON.parse(message.value).payload);
    });
    // Analytics takes the first-response time from these: the room's creation, and which
    // message was the first agent reply.
    const roomCreatedAt = sent[0].roomCreatedAt;
    expect(sent.every((payload) => payload.roomCreatedAt === roomCreatedAt)).toBe(true);
    expect(sent.map((payload) => [payload.sender.type, payload.firstAgentReply ?? false])).toEqual([
      ['system', false],
      ['visitor', false],
      ['agent', true],
      ['agent', false],
    ]);
    const welcome = await probe.waitFor(
      (message) =>
        message.topic === NotificationRequestedV1.topic &&
        message.value.includes('"visitor-welcome"') &&
        message.value.includes('vera@example.test'),
    );
    expect(JSON.parse(welcome.value).payload.to.email).toBe('vera@example.test');
  });

  it('stores a resent message once and answers with the original', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);

    const first = await visitor.emitWithAck('message:send', {
      clientMessageId: 'same',
      body: 'once',
    });
    const again = await visitor.emitWithAck('message:send', {
      clientMessageId: 'same',
      body: 'once',
    });
    expect(again).toEqual(first);
    const count = await fixture.chat.db
      .collection('messages')
      .countDocuments({ roomId, clientMessageId: 'same' });
    expect(count).toBe(1);
  });

  it('stores a message sent twice at once only once, and answers both with it', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const [visitor, secondTab] = await Promise.all([
      fixture.visitor(visitorToken),
      fixture.visitor(visitorToken),
    ]);

    const [first, second] = await Promise.all([
      visitor.emitWithAck('message:send', { clientMessageId: 'racing', body: 'hello?' }),
      secondTab.emitWithAck('message:send', { clientMessageId: 'racing', body: 'hello?' }),
    ]);
    expect(first).toMatchObject({ id: expect.any(String), seq: 2 });
    expect(second).toEqual(first);
    const count = await fixture.chat.db
      .collection('messages')
      .countDocuments({ roomId, clientMessageId: 'racing' });
    expect(count).toBe(1);
  });

  it('stores a resent message once even when Redis has forgotten the room', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);
    const first = await visitor.emitWithAck('message:send', {
      clientMessageId: 'kept',
      body: 'before',
    });

    const redis = fixture.chat.app.get<Redis>(REDIS);
    const roomKeys = await redis.keys(`parley:chat:message-*:${roomId}`);
    expect(roomKeys).toHaveLength(2);
    await redis.del(...roomKeys);

    const again = await visitor.emitWithAck('message:send', {
      clientMessageId: 'kept',
      body: 'before',
    });
    expect(again).toEqual(first);
    const next = await visitor.emitWithAck('message:send', {
      clientMessageId: 'new',
      body: 'after',
    });
    expect('seq' in next && 'seq' in first && next.seq > first.seq).toBe(true);

    const history = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/messages`)
      .set(bearer(visitorToken))
      .expect(200);
    expect(history.body.messages.map((message: { body: string }) => message.body)).toEqual([
      'A live agent will join the chat shortly.',
      'before',
      'after',
    ]);
  });

  it('answers a resend with its original after newer messages pushed its claim out of Redis', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);
    const first = await visitor.emitWithAck('message:send', {
      clientMessageId: 'old',
      body: 'old',
    });
    const claimsKey = (
      await fixture.chat.app.get<Redis>(REDIS).keys(`parley:chat:message-claims:*:${roomId}`)
    )[0]!;

    // As a busy room: 150 newer claims (as many other senders' messages) after the first.
    const seqs = fixture.chat.app.get(MessageSeqAllocator);
    const room = { tenantId: claimsKey.split(':')[3]!, id: roomId };
    for (let index = 0; index < 150; index++)
      await seqs.claim(room, `other-${index}`, async () => 0);
    const redis = fixture.chat.app.get<Redis>(REDIS);
    expect(await redis.zcard(claimsKey)).toBe(100);
    expect(await redis.zscore(claimsKey, 'old')).toBeNull();
    const keptFor = await redis.pttl(claimsKey);
    expect(keptFor > 0 && keptFor <= 15 * 60 * 1000).toBe(true);
    const [seqKey] = await redis.keys(`parley:chat:message-seqs:*:${roomId}`);
    const lastSeq = await redis.hget(seqKey!, 'seq');

    const again = await visitor.emitWithAck('message:send', {
      clientMessageId: 'old',
      body: 'old',
    });
    expect(again).toEqual(first);
    const count = await fixture.chat.db
      .collection('messages')
      .countDocuments({ roomId, clientMessageId: 'old' });
    expect(count).toBe(1);
    // The seq the resend was handed is given back: the room's next message leaves no hole.
    expect(await redis.hget(seqKey!, 'seq')).toBe(lastSeq);
    expect(await redis.zscore(claimsKey, 'old')).toBe(String('seq' in first && first.seq));
  });

  it('reads a forgotten room’s last seq from the database once, and goes on from it', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);
    const first = await visitor.emitWithAck('message:send', { clientMessageId: 'a', body: 'a' });
    const redis = fixture.chat.app.get<Redis>(REDIS);
    const [roomKey] = await redis.keys(`parley:chat:message-seqs:*:${roomId}`);
    await redis.del(roomKey!);

    const history = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/messages`)
      .set(bearer(visitorToken))
      .expect(200);
    const seqs = history.body.messages.map((message: { seq: number }) => message.seq);
    expect(seqs.at(-1)).toBe('seq' in first && first.seq);
    expect(await redis.hget(roomKey!, 'seq')).toBe(String(seqs.at(-1)));
    expect(await redis.pttl(roomKey!)).toBeGreaterThan(0);

    const next = await visitor.emitWithAck('message:send', { clientMessageId: 'b', body: 'b' });
    expect('seq' in next && 'seq' in first && next.seq === first.seq + 1).toBe(true);
  });

  it('keeps message bodies as plain text', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken, roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await visitor.emitWithAck('message:send', { clientMessageId: 'xss', body: payload });
    const stored = await fixture.chat.db
      .collection('messages')
      .findOne({ roomId, clientMessageId: 'xss' });
    expect(stored?.body).toBe(payload);
  });

  describe('widget sessions', () => {
    it('refuses a wrong key with 401 and an origin the chatbot does not allow with 403', async () => {
      const { chatbot } = await fixture.tenantWithChatbot();
      await fixture.openSession({ ...chatbot, apiKey: 'pk_wrong_key_value' }).expect(401);
      const foreign = await fixture
        .openSession(chatbot, {}, { origin: 'https://evil.example' })
        .expect(403);
      expect(foreign.body.code).toBe('origin_not_allowed');
      await request(fixture.chat.url)
        .post('/api/chat/widget/sessions')
        .send({
          tenantId: chatbot.tenantId,
          chatbotId: chatbot.id,
          apiKey: chatbot.apiKey,
          name: 'N',
          email: 'n@example.test',
        })
        .expect(403);
    });

    it("gives the widget the chatbot's look and journey, for its allowed sites only", async () => {
      const { chatbot } = await fixture.tenantWithChatbot();
      const preChatForm: PreChatForm = {
        fields: [
          {
            id: 'topic',
            label: 'Topic',
            type: 'single-choice',
            required: true,
            options: ['Sales', 'Support'],
            category: true,
          },
        ],
      };
      await fixture.directory.updateChatbot(chatbot, {
        appearance: appearanceSchema.parse({ color: '#0a7d5a', greeting: 'Hi there!' }),
        preChatForm,
      });
      const askConfig = (origin: string, credentials = chatbot) =>
        request(fixture.chat.url).post('/api/chat/widget/config').set('Origin', origin).send({
          tenantId: credentials.tenantId,
          chatbotId: credentials.id,
          apiKey: credentials.apiKey,
        });

      await eventually(async () => {
        const answer = await askConfig(SITE).expect(200);
        expect(answer.body).toEqual({
          chatbotId: chatbot.id,
          name: 'Help',
          appearance: expect.objectContaining({ color: '#0a7d5a', greeting: 'Hi there!' }),
          // Announced as before journeys (a flat form): read as the linear journey it amounts to.
          journey: journeyFromPreChatForm(preChatForm),
          // No business hours set: open around the clock.
          availability: 'online',
        });
      });
      expect((await askConfig('https://evil.example').expect(403)).body.code).toBe(
        'origin_not_allowed',
      );
      expect(
        (await askConfig(SITE, { ...chatbot, apiKey: 'pk_wrong_key_value' }).expect(401)).body.code,
      ).toBe('invalid_api_key');
    });

    it("gives the conversation page of the visitor's email link its chatbot's look, by room token", async () => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
      const look = await request(fixture.chat.url)
        .get('/api/chat/widget/conversation')
        .set('Authorization', `Bearer ${visitorToken}`)
        .expect(200);
      expect(look.body).toEqual({
        roomId,
        chatbotName: 'Help',
        appearance: expect.objectContaining({ color: expect.stringMatching(/^#[0-9a-f]{6}$/i) }),
      });
      await request(fixture.chat.url)
        .get('/api/chat/widget/conversation')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .expect(404);
      await request(fixture.chat.url).get('/api/chat/widget/conversation').expect(401);
    });

    it('records the visitor with browser details parsed from the User-Agent', async () => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const { roomId } = (
        await fixture.openSession(chatbot, { email: 'ua@example.test' }).expect(201)
      ).body;
      const room = await request(fixture.chat.url)
        .get(`/api/chat/rooms/${roomId}`)
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .expect(200);
      expect(room.body.visitor).toMatchObject({
        email: 'ua@example.test',
        ip: '203.0.113.7',
        browser: { name: 'Chrome', version: '126.0', os: 'Linux', device: 'desktop' },
      });
    });

    it('refuses bad input with 400 naming the field', async () => {
      const { chatbot } = await fixture.tenantWithChatbot();
      const bad = await fixture.openSession(chatbot, { email: 'not-an-email' }).expect(400);
      expect(bad.body.errors[0].field).toBe('email');
      const unknown = await fixture.openSession(chatbot, { answers: { nope: 'x' } }).expect(400);
      expect(unknown.body.message).toContain('answers.nope');
    });

    it('answers from the CORS preflight for any site (the origin check is per chatbot)', async () => {
      const response = await request(fixture.chat.url)
        .options('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type');
      expect(response.status).toBeLessThan(300);
      expect(response.headers['access-control-allow-origin']).toBe(SITE);
    });
  });
});
