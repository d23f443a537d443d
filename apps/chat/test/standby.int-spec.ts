import { ChatroomClosedV1, ChatroomStandbyV1, NotificationRequestedV1 } from '@app/contracts';
import { REDIS } from '@app/platform';
import { forTenant } from '@app/tenancy';
import { eventually, startTestService, TopicProbe } from '@app/testing';
import type Redis from 'ioredis';
import { chatService } from '../src/chat.service-definition';
import { RoomsRepository } from '../src/rooms/rooms.repository';
import { ChatFixture, Inbox } from './chat-fixture';

describe('the standby: a visitor who drops off and comes back', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    // A short grace and a short standby, so that both can be seen in a test.
    fixture = await ChatFixture.start({
      overrides: { STANDBY_GRACE_SECONDS: '1', STANDBY_TTL_SECONDS: '3' },
    });
    probe = await TopicProbe.start([
      ChatroomStandbyV1.topic,
      ChatroomClosedV1.topic,
      NotificationRequestedV1.topic,
    ]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  async function liveConversation() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const email = `away-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    const { roomId, visitorToken } = (await fixture.openSession(chatbot, { email }).expect(201))
      .body;
    const agent = await fixture.agent(admin.accessToken);
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId });
    const visitor = await fixture.visitor(visitorToken);
    return { admin, email, roomId, visitorToken, agent, agentInbox, visitor };
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const repliesMailedTo = (email: string) =>
    probe.messages
      .filter((message) => message.value.includes('"agent-reply"') && message.value.includes(email))
      .map((message) => JSON.parse(message.value).payload);

  it('does not put the room in standby when the visitor is back within the grace (a page change)', async () => {
    const { roomId, visitorToken, visitor, agentInbox } = await liveConversation();
    visitor.disconnect();
    await sleep(300);
    const back = await fixture.visitor(visitorToken, 1);
    await sleep(2500);
    expect(
      agentInbox.updates.some((update) => update.roomId === roomId && update.visitorAway),
    ).toBe(false);
    expect(
      probe.messages.some(
        (message) => message.topic === ChatroomStandbyV1.topic && message.key === roomId,
      ),
    ).toBe(false);
    back.disconnect();
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
  });

  it('mails a reply sent while the visitor was leaving, once the standby starts', async () => {
    const { email, roomId, agent, agentInbox, visitor } = await liveConversation();
    visitor.disconnect();
    // Within the grace: the room is not away yet, so nothing is mailed at once.
    await agent.emitWithAck('message:send', {
      roomId,
      clientMessageId: 'a-1',
      body: 'Still here?',
    });
    await agent.emitWithAck('message:send', { roomId, clientMessageId: 'a-2', body: 'Hello?' });
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
    await probe.waitFor(
      (message) => message.value.includes('"agent-reply"') && message.value.includes(email),
    );
    await sleep(1000);
    const emails = repliesMailedTo(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ reply: 'Still here?', to: { email } });
  });

  it('does not close a room whose visitor is connected when its deadline comes (their return was not written)', async () => {
    const { admin, roomId, agentInbox } = await liveConversation();
    // As a connect that found the database too busy to end the standby leaves it.
    const until = Date.now() + 1000;
    await forTenant(admin.tenant.id, 'test', () =>
      fixture.chat.app.get(RoomsRepository).markAway(roomId, new Date(until)),
    );
    await fixture.chat.app
      .get<Redis>(REDIS)
      .zadd(
        `parley:chat:standby-deadlines:${fixture.chat.config.MONGO_DB}`,
        until,
        `${admin.tenant.id}:${roomId}`,
      );

    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === false,
    );
    await sleep(1500);
    expect(
      agentInbox.updates.some((update) => update.roomId === roomId && update.status === 'closed'),
    ).toBe(false);
  });

  it('replays exactly the messages a reconnecting visitor missed, in order, once, and emails the reply', async () => {
    const { email, roomId, visitorToken, agent, agentInbox, visitor } = await liveConversation();
    const before = await visitor.emitWithAck('message:send', {
      clientMessageId: 'v-1',
      body: 'are you there?',
    });
    expect(before).toMatchObject({ seq: 2 });
    visitor.disconnect();

    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
    for (const [index, body] of ['Yes!', 'Found your order.', 'It ships today.'].entries()) {
      await agent.emitWithAck('message:send', { roomId, clientMessageId: `a-${index}`, body });
    }

    const back = await fixture.visitor(visitorToken, 2);
    const inbox = new Inbox(back);
    await eventually(() => expect(inbox.messages).toHaveLength(3));
    // Nothing else arrives later: no duplicate.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.messages.map((message) => [message.seq, message.body])).toEqual([
      [3, 'Yes!'],
      [4, 'Found your order.'],
      [5, 'It ships today.'],
    ]);
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === false,
    );

    // One email for the absence, carrying the first reply.
    await probe.waitFor(
      (message) => message.value.includes('"agent-reply"') && message.value.includes(email),
    );
    const emails = repliesMailedTo(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ reply: 'Yes!', to: { email } });
  });

  it('closes the room as abandoned when the standby runs out, and requests the transcript', async () => {
    const { email, roomId, visitor, agentInbox } = await liveConversation();
    await visitor.emitWithAck('message:send', { clientMessageId: 'bye', body: 'brb' });
    visitor.disconnect();

    await agentInbox.waitForUpdate(
      (update) =>
        update.roomId === roomId && update.status === 'closed' && update.reason === 'abandoned',
    );
    const closed = await probe.waitFor(
      (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
    );
    expect(JSON.parse(closed.value).payload).toMatchObject({
      reason: 'abandoned',
      closedBy: 'system',
    });
    // The topic is shared with every spec running alongside: find this room's transcript by
    // its visitor's unique address, not by the body text, which a random token could contain.
    const transcript = await probe.waitFor(
      (message) =>
        message.value.includes('"conversation-transcript"') && message.value.includes(email),
    );
    expect(JSON.parse(transcript.value).payload.reason).toBe('abandoned');
    expect(transcript.value).toContain('brb');
  });

  it('keeps the deadlines an earlier version stored under the set names of before', async () => {
    const { roomId, visitor, agentInbox } = await liveConversation();
    visitor.disconnect();
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
    // As an earlier version left it: the deadline in the set that was not named after the database.
    const redis = fixture.chat.app.get<Redis>(REDIS);
    const current = `parley:chat:standby-deadlines:${fixture.chat.config.MONGO_DB}`;
    const entry = (await redis.zrange(current, 0, -1)).find((member) => member.endsWith(roomId));
    if (!entry) throw new Error(`room ${roomId} has no standby deadline`);
    const deadline = (await redis.zscore(current, entry)) as string;
    await redis
      .multi()
      .zrem(current, entry)
      .zadd('parley:chat:standby-deadlines', deadline, entry)
      .exec();

    // The upgraded version's first replica to start adopts it, and the room closes on time.
    const upgraded = await startTestService(chatService, {
      ...fixture.tokens.env,
      MONGO_DB: fixture.chat.config.MONGO_DB,
      KAFKA_CONSUMER_GROUP: fixture.chat.config.KAFKA_CONSUMER_GROUP,
    });
    try {
      await agentInbox.waitForUpdate(
        (update) =>
          update.roomId === roomId && update.status === 'closed' && update.reason === 'abandoned',
      );
      expect(await redis.exists('parley:chat:standby-deadlines')).toBe(0);
    } finally {
      await upgraded.close({ keepDatabase: true });
    }
  });

  it('does not close the room when the visitor comes back in time', async () => {
    const { roomId, visitorToken, visitor, agentInbox } = await liveConversation();
    visitor.disconnect();
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
    await fixture.visitor(visitorToken, 1);
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(
      agentInbox.updates.some((update) => update.roomId === roomId && update.status === 'closed'),
    ).toBe(false);
  });

  it('closes a room once when closes from two sockets race the standby expiring', async () => {
    const { admin, email, roomId, visitor, agent, agentInbox } = await liveConversation();
    const secondSocket = await fixture.agent(admin.accessToken);
    visitor.disconnect();
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
    // Just before the 3 s standby runs out, the agent closes from both tabs, several times.
    await new Promise((resolve) => setTimeout(resolve, 2800));
    const answers = await Promise.all(
      [agent, secondSocket, agent, secondSocket, agent, secondSocket].map((socket) =>
        socket.emitWithAck('room:close', { roomId, reason: 'resolved' }),
      ),
    );
    const closedByAgent = answers.filter((answer) => 'room' in answer).length;
    const refused = answers.filter(
      (answer) => 'error' in answer && answer.error.code === 'room_closed',
    );
    expect(closedByAgent + refused.length).toBe(answers.length);
    expect(closedByAgent).toBeLessThanOrEqual(1);

    await probe.waitFor(
      (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const closedEvents = probe.messages.filter(
      (message) => message.topic === ChatroomClosedV1.topic && message.key === roomId,
    );
    expect(closedEvents).toHaveLength(1);
    expect(JSON.parse(closedEvents[0].value).payload.reason).toBe(
      closedByAgent === 1 ? 'resolved' : 'abandoned',
    );
    const transcripts = probe.messages.filter(
      (message) =>
        message.value.includes('"conversation-transcript"') && message.value.includes(email),
    );
    expect(transcripts).toHaveLength(1);
  });
});
