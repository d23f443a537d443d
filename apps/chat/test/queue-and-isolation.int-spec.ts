import { bearer, eventually } from '@app/testing';
import request from 'supertest';
import { ChatFixture, Inbox } from './chat-fixture';

describe('the queue, agent actions and tenant isolation in chat', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('lets exactly one of two agents racing for a room join it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const second = await fixture.activeAgent(admin);
    const { roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const [one, two] = await Promise.all([
      fixture.agent(admin.accessToken),
      fixture.agent(second.accessToken),
    ]);

    const answers = await Promise.all([
      one.emitWithAck('room:join', { roomId }),
      two.emitWithAck('room:join', { roomId }),
    ]);

    const winners = answers.filter((answer) => 'room' in answer);
    const losers = answers.filter((answer) => 'error' in answer);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ error: { code: 'already_taken', message: expect.any(String) } }]);
  });

  it('sends the queue live to agents, oldest first, and takes a joined room out of it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.agent(admin.accessToken);
    const inbox = new Inbox(agent);
    const first = (await fixture.openSession(chatbot).expect(201)).body.roomId;
    const second = (await fixture.openSession(chatbot).expect(201)).body.roomId;

    await eventually(() =>
      expect(inbox.queues.at(-1)?.map((room) => room.roomId)).toEqual([first, second]),
    );
    await agent.emitWithAck('room:join', { roomId: first });
    await eventually(() =>
      expect(inbox.queues.at(-1)?.map((room) => room.roomId)).toEqual([second]),
    );
    const rest = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(rest.body.rooms.map((room: { roomId: string }) => room.roomId)).toEqual([second]);
  });

  it('lets an agent leave a room back to the queue, transfer it, and close it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const colleague = await fixture.activeAgent(admin);
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitorInbox = new Inbox(await fixture.visitor(visitorToken));
    const agent = await fixture.agent(admin.accessToken);
    const other = await fixture.agent(colleague.accessToken);
    const otherInbox = new Inbox(other);

    await agent.emitWithAck('room:join', { roomId });
    expect(await agent.emitWithAck('room:leave', { roomId })).toMatchObject({
      room: { status: 'queued' },
    });
    await agent.emitWithAck('room:join', { roomId });
    // The colleague became an active agent a moment ago: chat learns it from the tenant's event.
    await eventually(async () =>
      expect(
        await agent.emitWithAck('room:transfer', { roomId, agentId: colleague.user.id }),
      ).toMatchObject({ room: { agent: { id: colleague.user.id } } }),
    );
    // The old agent may no longer write; the new one may.
    expect(
      await agent.emitWithAck('message:send', {
        roomId,
        clientMessageId: 'x',
        body: 'still here?',
      }),
    ).toMatchObject({
      error: { code: 'not_your_room' },
    });
    await other.emitWithAck('message:send', { roomId, clientMessageId: 'y', body: 'Taking over' });
    await visitorInbox.waitForMessage((message) => message.body === 'Taking over');

    expect(await other.emitWithAck('room:close', { roomId, reason: 'resolved' })).toMatchObject({
      room: { status: 'closed' },
    });
    await visitorInbox.waitForUpdate((update) => update.status === 'closed');
    await otherInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.status === 'closed',
    );
  });

  it('refuses a blocked visitor', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId } = (
      await fixture
        .openSession(chatbot, { email: 'spam@example.test' }, { ip: '198.51.100.9' })
        .expect(201)
    ).body;
    const agent = await fixture.agent(admin.accessToken);
    await agent.emitWithAck('room:join', { roomId });
    await agent.emitWithAck('room:close', { roomId, reason: 'blocked' });

    const byEmail = await fixture.openSession(chatbot, { email: 'spam@example.test' }).expect(403);
    expect(byEmail.body.code).toBe('visitor_blocked');
    await fixture.openSession(chatbot, {}, { ip: '198.51.100.9' }).expect(403);
  });

  it("keeps another tenant's agent out of a room: no join, no history, no list", async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    const { admin: stranger } = await fixture.tenantWithChatbot();
    const intruder = await fixture.agent(stranger.accessToken);

    expect(await intruder.emitWithAck('room:join', { roomId })).toMatchObject({
      error: { code: 'room_not_found' },
    });
    expect(
      await intruder.emitWithAck('message:send', { roomId, clientMessageId: 'z', body: 'hi' }),
    ).toMatchObject({
      error: { code: 'room_not_found' },
    });
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/messages`)
      .set(bearer(stranger.accessToken))
      .expect(404);
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}`)
      .set(bearer(stranger.accessToken))
      .expect(404);
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(stranger.accessToken))
      .expect(200);
    expect(JSON.stringify(queue.body)).not.toContain(roomId);
  });

  it("refuses a visitor token for another room's history", async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const mine = (await fixture.openSession(chatbot).expect(201)).body;
    const theirs = (await fixture.openSession(chatbot).expect(201)).body;
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${theirs.roomId}/messages`)
      .set('Authorization', `Bearer ${mine.visitorToken}`)
      .expect(404);
  });

  it('answers malformed socket payloads with an error ack and keeps the socket usable', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);

    expect(await visitor.emitWithAck('message:send', { body: 'no id' } as never)).toMatchObject({
      error: { code: 'invalid_payload' },
    });
    expect(await visitor.emitWithAck('message:send', 'garbage' as never)).toMatchObject({
      error: { code: 'invalid_payload' },
    });
    expect(
      await visitor.emitWithAck('message:send', { clientMessageId: 'big', body: 'x'.repeat(5000) }),
    ).toMatchObject({
      error: { code: 'invalid_payload' },
    });
    expect(
      await visitor.emitWithAck('message:send', { clientMessageId: 'ok', body: 'still works' }),
    ).toMatchObject({ seq: 2 });
  });

  it('refuses sockets without a valid token', async () => {
    await expect(fixture.connect('visitor', { token: 'forged' })).rejects.toThrow('unauthorized');
    await expect(fixture.connect('agent', {})).rejects.toThrow('unauthorized');
  });

  it('cuts off a flood: an error ack past the limit, a disconnect for abuse', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const visitor = await fixture.visitor(visitorToken);
    const answers = [];
    for (let index = 0; index < 35; index += 1) {
      answers.push(
        await visitor.emitWithAck('message:send', { clientMessageId: `f-${index}`, body: 'spam' }),
      );
    }
    expect(answers.slice(0, 30).every((answer) => 'seq' in answer)).toBe(true);
    expect(answers.slice(30)).toEqual(
      Array(5).fill({ error: { code: 'rate_limited', message: expect.any(String) } }),
    );
  });
});
