import { type AgentPresenceUpdate, type RoomSummary, type WeeklyHours } from '@app/contracts';
import { bearer, eventually, type SignedIn, someIp, type TestChatbot } from '@app/testing';
import request from 'supertest';
import { localTime } from '../src/availability/weekly-schedule';
import { ChatFixture, type ChatSocket, Inbox, SITE } from './chat-fixture';

/**
 * An answer never sent fails the test here, naming the event, rather than at the test's timeout
 * (the machine's database can stall for seconds under other loads).
 */
const ACK_MS = 60_000;

/** A shift of today's weekday (UTC) covering now, or one that ended an hour ago. */
function shiftAround(now: Date, onShift: boolean): WeeklyHours {
  const { day } = localTime(now, 'UTC');
  const hour = now.getUTCHours();
  if (onShift) return [{ day, start: '00:00', end: '24:00' }];
  // Hours of today that exclude now: the whole day before this hour, or after it.
  return hour >= 1
    ? [{ day, start: '00:00', end: `${String(hour).padStart(2, '0')}:00` }]
    : [{ day, start: '23:00', end: '24:00' }];
}

describe('assignment rules: agent status, shifts and a fair round-robin across replicas', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    // One test fills the queue with more rooms than the widget's limits let one chatbot open.
    fixture = await ChatFixture.start({
      replicas: 2,
      overrides: { WIDGET_SESSIONS_PER_CHATBOT_PER_MIN: '100000' },
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const mine = async (agent: SignedIn): Promise<string[]> =>
    (
      await request(fixture.chat.url)
        .get('/api/chat/rooms/mine')
        .set(bearer(agent.accessToken))
        .expect(200)
    ).body.rooms.map((room: { roomId: string }) => room.roomId);

  const open = async (chatbot: TestChatbot, replica = 0): Promise<string> =>
    (await fixture.openSession(chatbot, {}, { replica, ip: someIp() }).expect(201)).body.roomId;

  /** Round-robin on, and chat has applied it (a room of this tenant gets assigned). */
  async function roundRobinOn(admin: SignedIn, chatbot: TestChatbot, anyone: SignedIn[]) {
    await fixture.directory.updateSettings(admin.tenant.id, { autoAssignment: 'round-robin' });
    // Two replicas share one consumer group: the first events may wait for its rebalance.
    const probe = await eventually(
      async () => {
        const roomId = await open(chatbot);
        await eventually(
          async () => {
            const all = (await Promise.all(anyone.map(mine))).flat();
            if (!all.includes(roomId)) throw new Error('not assigned yet');
          },
          { timeoutMs: 3000 },
        );
        return roomId;
      },
      { timeoutMs: 60_000 },
    );
    return probe;
  }

  it('gives new rooms only to available agents on shift, and tells the agent with room:assigned', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const now = new Date();
    const busy = await fixture.activeAgent(admin, { name: 'Busy Bea' });
    const away = await fixture.activeAgent(admin, { name: 'Away Al' });
    const offShift = await fixture.activeAgent(admin, {
      name: 'Off-shift Otto',
      shifts: shiftAround(now, false),
    });
    const onShift = await fixture.activeAgent(admin, {
      name: 'On-shift Olga',
      shifts: shiftAround(now, true),
    });
    const [busySocket, awaySocket] = [
      await fixture.agent(busy.accessToken),
      await fixture.agent(away.accessToken),
    ];
    await fixture.agent(offShift.accessToken);
    const olga = await fixture.agent(onShift.accessToken);
    const assigned: Array<{ room: RoomSummary; how: string }> = [];
    olga.on('room:assigned', (event) => assigned.push(event));
    expect(
      await busySocket.timeout(ACK_MS).emitWithAck('agent:status', { status: 'busy' }),
    ).toEqual({
      status: 'busy',
    });
    expect(
      await awaySocket.timeout(ACK_MS).emitWithAck('agent:status', { status: 'away' }),
    ).toEqual({
      status: 'away',
    });

    const first = await roundRobinOn(admin, chatbot, [busy, away, offShift, onShift]);
    const rooms = [first, await open(chatbot), await open(chatbot, 1)];
    await eventually(async () => expect((await mine(onShift)).sort()).toEqual([...rooms].sort()));
    for (const other of [busy, away, offShift]) expect(await mine(other)).toEqual([]);
    await eventually(() =>
      expect(assigned.map((event) => event.room.roomId).sort()).toEqual([...rooms].sort()),
    );
    expect(assigned.every((event) => event.how === 'auto' && event.room.status === 'active')).toBe(
      true,
    );

    // Busy keeps its chats but gets none; back to available, it is next in line.
    expect(await olga.timeout(ACK_MS).emitWithAck('agent:status', { status: 'busy' })).toEqual({
      status: 'busy',
    });
    expect(
      await busySocket.timeout(ACK_MS).emitWithAck('agent:status', { status: 'online' }),
    ).toEqual({
      status: 'available',
    });
    const next = await open(chatbot);
    await eventually(async () => expect(await mine(busy)).toEqual([next]));
    expect((await mine(onShift)).length).toBe(3);
  }, 120_000);

  it('announces statuses to colleagues as available, busy, away and offline', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    const colleague = await fixture.activeAgent(admin);
    const watcher = new Inbox(await fixture.agent(admin.accessToken));
    const socket = await fixture.agent(colleague.accessToken, 1);
    await watcher.waitForPresence(colleague.user.id, 'available');
    await socket.timeout(ACK_MS).emitWithAck('agent:status', { status: 'busy' });
    await watcher.waitForPresence(colleague.user.id, 'busy');
    const list = await request(fixture.chat.url)
      .get('/api/chat/agents/online')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(list.body.agents).toEqual(
      expect.arrayContaining([
        { id: colleague.user.id, name: colleague.user.name, status: 'busy' },
      ]),
    );
    socket.disconnect();
    await watcher.waitForPresence(colleague.user.id, 'offline');
  });

  it('spreads rooms evenly when two replicas assign at once: no room twice, no agent over capacity', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agents: SignedIn[] = [];
    for (let index = 0; index < 4; index += 1)
      agents.push(await fixture.activeAgent(admin, { maxConcurrentChats: 4 }));
    // Each agent on a replica of its own choosing: assignment must reach either.
    for (const [index, agent] of agents.entries())
      await fixture.agent(agent.accessToken, index % 2);
    const probe = await roundRobinOn(admin, chatbot, agents);
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${probe}`)
      .set(bearer(admin.accessToken))
      .expect(200);

    // 18 more rooms at once, half through each replica: 15 fit in 16 places (one is the probe's).
    const rooms = await Promise.all(
      Array.from({ length: 18 }, (_, index) => open(chatbot, index % 2)),
    );
    const counts = await eventually(async () => {
      const held = await Promise.all(agents.map(mine));
      const total = held.flat();
      expect(new Set(total).size).toBe(total.length);
      expect(total.length).toBe(16);
      return held.map((list) => list.length);
    });
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    const waiting = queue.body.rooms.map((room: { roomId: string }) => room.roomId);
    expect(waiting).toHaveLength(3);
    expect(rooms).toEqual(expect.arrayContaining(waiting));
  }, 120_000);

  it('gives a team’s rooms to its members only, and a team nobody can serve holds back no room behind it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const member = await fixture.activeAgent(admin, { name: 'Member Mia' });
    const outsider = await fixture.activeAgent(admin, { name: 'Outsider Oz' });
    const team = await fixture.directory.team(admin.tenant.id, {
      name: 'Nights',
      memberIds: [member.user.id],
    });
    const teamBot = await fixture.directory.chatbot(admin.tenant.id, {
      allowedOrigins: [SITE],
      journey: {
        version: 1,
        startNodeId: 'end',
        nodes: [{ id: 'end', type: 'end', teamId: team.teamId }],
      },
    });
    await fixture.agent(outsider.accessToken);
    await roundRobinOn(admin, chatbot, [outsider]);
    // More of the team's rooms than one page of the queue, all older than the team-less one.
    const teamRooms: string[] = [];
    for (let batch = 0; batch < 6; batch += 1)
      teamRooms.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () =>
            eventually(() => fixture.openSession(teamBot, {}, { ip: someIp() }).expect(201)).then(
              (answer) => answer.body.roomId as string,
            ),
          ),
        )),
      );
    const teamless = await open(chatbot);
    await eventually(async () => expect(await mine(outsider)).toContain(teamless));
    expect((await mine(outsider)).filter((roomId) => teamRooms.includes(roomId))).toEqual([]);

    // The member comes: the team's rooms go to them, as many as they may hold.
    await fixture.agent(member.accessToken);
    await eventually(async () => expect(await mine(member)).toHaveLength(5));
    expect((await mine(member)).every((roomId) => teamRooms.includes(roomId))).toBe(true);
  }, 180_000);

  it('keeps an agent within capacity when their own joins race auto-assignment on two replicas', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.activeAgent(admin, { maxConcurrentChats: 2 });
    const sockets = [
      await fixture.agent(agent.accessToken, 0),
      await fixture.agent(agent.accessToken, 1),
    ];
    const probe = await roundRobinOn(admin, chatbot, [agent]);
    // Busy: the next rooms wait, then auto-assignment and the agent's own joins race for them.
    await sockets[0].timeout(ACK_MS).emitWithAck('agent:status', { status: 'busy' });
    const rooms = await Promise.all([0, 1, 2].map((index) => open(chatbot, index % 2)));
    const [answers] = await Promise.all([
      Promise.all(
        rooms.map((roomId, index) =>
          sockets[index % 2].timeout(ACK_MS).emitWithAck('room:join', { roomId }),
        ),
      ),
      sockets[1].timeout(ACK_MS).emitWithAck('agent:status', { status: 'available' }),
    ]);

    const held = await eventually(async () => {
      const list = await mine(agent);
      expect(list).toHaveLength(2);
      return list;
    });
    expect(held).toContain(probe);
    // One of the three joined (by hand or handed out); the others were refused as full.
    const refusals = answers.flatMap((answer) => ('error' in answer ? [answer.error.code] : []));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const code of refusals) expect(['at_capacity', 'already_taken']).toContain(code);
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    const waiting = queue.body.rooms.map((room: { roomId: string }) => room.roomId);
    expect([...held, ...waiting].sort()).toEqual([probe, ...rooms].sort());
  }, 120_000);

  it('sets an idle agent away after the tenant’s inactivity minutes, and back on activity', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    await fixture.directory.updateSettings(admin.tenant.id, { agentAutoAwayMinutes: 1 });
    const colleague = await fixture.activeAgent(admin);
    const watcher = new Inbox(await fixture.agent(admin.accessToken));
    // Chat applied the setting before the colleague connects (it is read at their first activity).
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_tenants')
        .findOne({ _id: admin.tenant.id as never });
      expect(entry?.agentAutoAwayMinutes).toBe(1);
    });
    const socket: ChatSocket = await fixture.agent(colleague.accessToken);
    await watcher.waitForPresence(colleague.user.id, 'available');
    const awayAt = await eventually(
      () => {
        const found = watcher.presence.find(
          (update: AgentPresenceUpdate) =>
            update.agentId === colleague.user.id && update.status === 'away',
        );
        if (!found) throw new Error('not away yet');
        return Date.now();
      },
      { timeoutMs: 120_000 },
    );
    expect(awayAt).toBeGreaterThan(0);
    const before = watcher.presence.length;
    expect(await socket.timeout(ACK_MS).emitWithAck('agent:activity', {})).toEqual({ ok: true });
    await eventually(() =>
      expect(watcher.presence.slice(before)).toContainEqual({
        agentId: colleague.user.id,
        name: colleague.user.name,
        status: 'available',
      }),
    );
  }, 150_000);
});
