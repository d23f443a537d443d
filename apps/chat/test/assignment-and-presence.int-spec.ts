import { AgentPresenceChangedV1 } from '@app/contracts';
import { bearer, eventually, type SignedIn, TopicProbe } from '@app/testing';
import request from 'supertest';
import { ChatFixture, type ChatSocket, Inbox } from './chat-fixture';

describe('agent presence and round-robin auto-assignment', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([AgentPresenceChangedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  const online = (agent: SignedIn) =>
    request(fixture.chat.url).get('/api/chat/agents/online').set(bearer(agent.accessToken));

  const mine = async (agent: SignedIn): Promise<string[]> =>
    (
      await request(fixture.chat.url)
        .get('/api/chat/rooms/mine')
        .set(bearer(agent.accessToken))
        .expect(200)
    ).body.rooms.map((room: { roomId: string }) => room.roomId);

  /** A tenant with two agents connected and round-robin turned on (and known to chat). */
  async function roundRobinTenant() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const second = await fixture.activeAgent(admin);
    const adminSocket = await fixture.agent(admin.accessToken);
    const secondSocket = await fixture.agent(second.accessToken);
    await fixture.directory.updateSettings(admin.tenant.id, { autoAssignment: 'round-robin' });
    // Chat applies the setting from the event; the first session shows when it has.
    const first = await eventually(async () => {
      const { roomId } = (await fixture.openSession(chatbot).expect(201)).body;
      await eventually(
        async () => {
          const assigned = [...(await mine(admin)), ...(await mine(second))];
          if (!assigned.includes(roomId)) throw new Error('not assigned yet');
        },
        { timeoutMs: 3000 },
      );
      return roomId as string;
    });
    return { admin, second, chatbot, adminSocket, secondSocket, first };
  }

  it('tells colleagues when an agent comes online, goes away and goes offline', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    const second = await fixture.activeAgent(admin);
    const watcher = new Inbox(await fixture.agent(admin.accessToken));

    const secondSocket = await fixture.agent(second.accessToken);
    await watcher.waitForPresence(second.user.id, 'available');
    expect((await online(admin).expect(200)).body.agents).toEqual(
      expect.arrayContaining([{ id: second.user.id, name: second.user.name, status: 'available' }]),
    );

    expect(await secondSocket.emitWithAck('agent:status', { status: 'away' })).toEqual({
      status: 'away',
    });
    await watcher.waitForPresence(second.user.id, 'away');
    expect((await online(admin).expect(200)).body.agents).toEqual(
      expect.arrayContaining([{ id: second.user.id, name: second.user.name, status: 'away' }]),
    );

    secondSocket.disconnect();
    await watcher.waitForPresence(second.user.id, 'offline');
    const ids = (await online(admin).expect(200)).body.agents.map(
      (agent: { id: string }) => agent.id,
    );
    expect(ids).not.toContain(second.user.id);

    const statuses = await eventually(() => {
      const seen = probe.messages
        .map((message) => JSON.parse(message.value))
        .filter((event) => event.payload.agentId === second.user.id)
        .map((event) => event.payload.status);
      if (!seen.includes('offline')) throw new Error(`only ${seen.join(', ')} so far`);
      return seen;
    });
    expect(statuses).toEqual(['online', 'away', 'offline']);
  });

  it('refuses a status other than available, busy or away, and another tenant cannot list the agents', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    const socket = await fixture.agent(admin.accessToken);
    const answer = await socket.emitWithAck('agent:status', { status: 'sleeping' } as never);
    expect(answer).toEqual({
      error: { code: 'invalid_payload', message: expect.stringContaining('status') },
    });

    const { admin: stranger } = await fixture.tenantWithChatbot();
    const seen = (await online(stranger).expect(200)).body.agents.map(
      (agent: { id: string }) => agent.id,
    );
    expect(seen).not.toContain(admin.user.id);
  });

  it('hands waiting rooms to the available agents in turn', async () => {
    const { admin, second, chatbot, first } = await roundRobinTenant();
    const rooms = [first];
    for (let i = 0; i < 3; i += 1)
      rooms.push((await fixture.openSession(chatbot).expect(201)).body.roomId);

    await eventually(async () => {
      const [a, b] = [await mine(admin), await mine(second)];
      expect([...a, ...b].sort()).toEqual([...rooms].sort());
      // In turn: each of the two agents has two of the four.
      expect([a.length, b.length]).toEqual([2, 2]);
    });
  });

  it('skips an agent who is away, and gives a room its agent left to someone else', async () => {
    const { admin, second, chatbot, adminSocket, secondSocket } = await roundRobinTenant();
    await secondSocket.emitWithAck('agent:status', { status: 'away' });
    const before = { admin: (await mine(admin)).length, second: (await mine(second)).length };

    const rooms: string[] = [];
    for (let i = 0; i < 2; i += 1)
      rooms.push((await fixture.openSession(chatbot).expect(201)).body.roomId);
    await eventually(async () => expect(await mine(admin)).toEqual(expect.arrayContaining(rooms)));
    expect((await mine(second)).length).toBe(before.second);

    await secondSocket.emitWithAck('agent:status', { status: 'online' });
    const left = await adminSocket.emitWithAck('room:leave', { roomId: rooms[0] });
    expect(left).toMatchObject({ room: { status: 'queued' } });
    await eventually(async () => expect(await mine(second)).toContain(rooms[0]));
    expect(await mine(admin)).not.toContain(rooms[0]);
  });

  it('leaves rooms waiting while nobody is available, and hands them out when someone comes', async () => {
    const { admin, second, chatbot, adminSocket, secondSocket } = await roundRobinTenant();
    await Promise.all(
      [adminSocket, secondSocket].map((socket: ChatSocket) =>
        socket.emitWithAck('agent:status', { status: 'away' }),
      ),
    );
    const { roomId } = (await fixture.openSession(chatbot).expect(201)).body;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(queue.body.rooms.map((room: { roomId: string }) => room.roomId)).toContain(roomId);

    await secondSocket.emitWithAck('agent:status', { status: 'online' });
    await eventually(async () => expect(await mine(second)).toContain(roomId));
  });
});
