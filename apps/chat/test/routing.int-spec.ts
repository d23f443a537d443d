import {
  ChatroomAssignedV1,
  ChatroomRequeuedV1,
  ChatroomUpdatedV1,
  type QueuePage,
  type RoomSummary,
} from '@app/contracts';
import { bearer, eventually, type SignedIn, TopicProbe } from '@app/testing';
import request from 'supertest';
import { RoomsRepository } from '../src/rooms/rooms.repository';
import { ChatFixture, Inbox, SITE } from './chat-fixture';

jest.setTimeout(120_000);

describe('categories, priority, teams and supervision in the queue', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([
      ChatroomAssignedV1.topic,
      ChatroomRequeuedV1.topic,
      ChatroomUpdatedV1.topic,
    ]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  const http = () => request(fixture.chat.url);

  const queue = async (agent: SignedIn, query: Record<string, string | number> = {}) =>
    (
      await http()
        .get('/api/chat/rooms/queue')
        .query(query)
        .set(bearer(agent.accessToken))
        .expect(200)
    ).body as QueuePage;

  const queuedIds = async (agent: SignedIn, query: Record<string, string | number> = {}) =>
    (await queue(agent, query)).rooms.map((room) => room.roomId);

  const label = (agent: SignedIn, roomId: string, body: object) =>
    http().patch(`/api/chat/rooms/${roomId}`).set(bearer(agent.accessToken)).send(body);

  const newRoom = async (chatbot: Parameters<ChatFixture['openSession']>[0]) =>
    (await fixture.openSession(chatbot).expect(201)).body.roomId as string;

  const history = async (agent: SignedIn, roomId: string) =>
    (
      await http()
        .get(`/api/chat/rooms/${roomId}/messages`)
        .set(bearer(agent.accessToken))
        .expect(200)
    ).body.messages as Array<{ sender: { type: string }; body: string }>;

  const systemLines = async (agent: SignedIn, roomId: string) =>
    (await history(agent, roomId)).filter((m) => m.sender.type === 'system').map((m) => m.body);

  const eventOf = (
    topic: string,
    roomId: string,
    match: (payload: Record<string, unknown>) => boolean,
  ) =>
    probe.waitFor((message) => {
      if (message.topic !== topic) return false;
      const { payload } = JSON.parse(message.value) as { payload: Record<string, unknown> };
      return payload.roomId === roomId && match(payload);
    });

  /** A tenant whose chat knows a category, a team taking it with one member, and an outsider. */
  async function tenantWithTeam() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const member = await fixture.activeAgent(admin, { name: 'Mia Member' });
    const outsider = await fixture.activeAgent(admin, { name: 'Otto Outsider' });
    const billing = await fixture.directory.category(admin.tenant.id, 'Billing');
    const team = await fixture.directory.team(admin.tenant.id, {
      name: 'Billing team',
      memberIds: [member.user.id],
      categoryIds: [billing],
    });
    // Chat knows the category and the team once a room labelled with it routes to the team.
    const roomId = await newRoom(chatbot);
    await eventually(async () => {
      const answer = await label(admin, roomId, { category: billing }).expect(200);
      expect(answer.body.teamId).toBe(team.teamId);
    });
    return { admin, chatbot, member, outsider, billing, team, roomId };
  }

  it('serves the most urgent rooms first, oldest first within a priority, across pages', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const [lowOld, normalOld, urgentNew, normalNew, highNew] = [
      await newRoom(chatbot),
      await newRoom(chatbot),
      await newRoom(chatbot),
      await newRoom(chatbot),
      await newRoom(chatbot),
    ];
    await label(admin, lowOld, { priority: 'low' }).expect(200);
    await label(admin, urgentNew, { priority: 'urgent' }).expect(200);
    await label(admin, highNew, { priority: 'high' }).expect(200);

    const expected = [urgentNew, highNew, normalOld, normalNew, lowOld];
    expect(await queuedIds(admin)).toEqual(expected);
    const first = await queue(admin);
    expect(first.byPriority).toEqual({ urgent: 1, high: 1, normal: 2, low: 1 });
    expect(first.rooms[0].priority).toBe('urgent');

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: QueuePage = await queue(admin, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      paged.push(...page.rooms.map((room) => room.roomId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);
  });

  it('serves a room stored before priorities as normal, not behind the low ones', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const low = await newRoom(chatbot);
    await label(admin, low, { priority: 'low' }).expect(200);
    const legacyId = `legacy-${Date.now()}`;
    const queuedAt = new Date();
    await fixture.chat.db.collection('rooms').insertOne({
      _id: legacyId as never,
      tenantId: admin.tenant.id,
      displayId: 900_000 + Math.floor(Math.random() * 99_999),
      chatbotId: chatbot.id,
      visitor: {
        id: 'v-legacy',
        name: 'Old Visitor',
        email: 'old@example.test',
        ip: '10.0.0.9',
        browser: {},
      },
      answers: {},
      status: 'queued',
      agentId: null,
      agentName: null,
      queuedAt,
      assignedAt: null,
      previousAgentId: null,
      version: 0,
      awayUntil: null,
      awayNotified: false,
      closeReason: null,
      closedAt: null,
      createdAt: queuedAt,
      updatedAt: queuedAt,
    });
    await fixture.chat.app.get(RoomsRepository).onModuleInit();
    const page = await queue(admin);
    expect(page.rooms.map((room) => room.roomId)).toEqual([legacyId, low]);
    expect(page.rooms[0]).toMatchObject({ priority: 'normal', category: null, teamId: null });
  });

  it('keeps the counts true through every change to the queue, read again after each', async () => {
    const { admin, chatbot, member, billing, team, roomId: billingRoom } = await tenantWithTeam();
    const counts = async () => {
      const { total, byTeam, byCategory, byPriority } = await queue(admin);
      return { total, byTeam, byCategory, byPriority };
    };
    expect(await counts()).toMatchObject({ total: 1, byTeam: { [team.teamId]: 1 } });
    expect(await counts()).toMatchObject({ total: 1 });

    const plainRoom = await newRoom(chatbot);
    expect(await counts()).toMatchObject({ total: 2, byTeam: { none: 1, [team.teamId]: 1 } });

    await label(admin, plainRoom, { priority: 'urgent', category: billing }).expect(200);
    expect(await counts()).toEqual({
      total: 2,
      byTeam: { [team.teamId]: 2 },
      byCategory: { [billing]: 2 },
      byPriority: { normal: 1, urgent: 1 },
    });

    const memberSocket = await fixture.agent(member.accessToken);
    await memberSocket.emitWithAck('room:join', { roomId: billingRoom });
    expect(await counts()).toEqual({
      total: 1,
      byTeam: { [team.teamId]: 1 },
      byCategory: { [billing]: 1 },
      byPriority: { urgent: 1 },
    });

    await memberSocket.emitWithAck('room:leave', { roomId: billingRoom });
    expect(await counts()).toMatchObject({ total: 2 });
    const adminSocket = await fixture.agent(admin.accessToken);
    await adminSocket.emitWithAck('room:close', { roomId: plainRoom, reason: 'resolved' });
    expect(await counts()).toEqual({
      total: 1,
      byTeam: { [team.teamId]: 1 },
      byCategory: { [billing]: 1 },
      byPriority: { normal: 1 },
    });
  });

  it('filters the queue by category, team and chatbot, with counts of what the filter keeps', async () => {
    const { admin, chatbot, billing, team, roomId: billingRoom } = await tenantWithTeam();
    const other = await fixture.directory.chatbot(admin.tenant.id, { allowedOrigins: [SITE] });
    const otherRoom = await eventually(() => newRoom(other));
    const plainRoom = await newRoom(chatbot);

    expect(await queuedIds(admin, { category: billing })).toEqual([billingRoom]);
    expect(await queuedIds(admin, { teamId: team.teamId })).toEqual([billingRoom]);
    expect(await queuedIds(admin, { teamId: 'none' })).toEqual([otherRoom, plainRoom]);
    expect(await queuedIds(admin, { category: 'none', chatbotId: chatbot.id })).toEqual([
      plainRoom,
    ]);

    const all = await queue(admin);
    expect(all).toMatchObject({
      total: 3,
      byChatbot: { [chatbot.id]: 2, [other.id]: 1 },
      byCategory: { [billing]: 1, none: 2 },
      byTeam: { [team.teamId]: 1, none: 2 },
    });
    const filtered = await queue(admin, { chatbotId: other.id });
    expect(filtered).toMatchObject({ total: 1, byChatbot: { [other.id]: 1 } });
  });

  it('shows a team’s rooms to its members and supervisors only, live and by REST, and refuses outsiders', async () => {
    const { admin, member, outsider, roomId } = await tenantWithTeam();
    const memberInbox = new Inbox(await fixture.agent(member.accessToken));
    const outsiderLive = await fixture.agent(outsider.accessToken);
    const outsiderInbox = new Inbox(outsiderLive);
    const adminLive = await fixture.agent(admin.accessToken);
    const adminInbox = new Inbox(adminLive);
    const updatesOf = (socket: typeof adminLive) => {
      const roomIds: string[] = [];
      socket.on('room:updated', (update) => roomIds.push(update.roomId));
      return roomIds;
    };
    const [outsiderUpdates, adminUpdates] = [updatesOf(outsiderLive), updatesOf(adminLive)];

    expect(await queuedIds(member)).toContain(roomId);
    expect(await queuedIds(admin)).toContain(roomId);
    expect(await queuedIds(outsider)).not.toContain(roomId);

    // A new waiting room makes chat push each audience its own queue.
    await label(admin, roomId, { priority: 'high' }).expect(200);
    await eventually(() => {
      expect(memberInbox.pages.at(-1)?.rooms.map((r) => r.roomId)).toContain(roomId);
      expect(adminInbox.pages.at(-1)?.rooms.map((r) => r.roomId)).toContain(roomId);
      expect(outsiderInbox.pages.length).toBeGreaterThan(1);
    });
    for (const page of outsiderInbox.pages)
      expect(page.rooms.map((r) => r.roomId)).not.toContain(roomId);

    const outsiderSocket = await fixture.agent(outsider.accessToken);
    const refused = await outsiderSocket.emitWithAck('room:join', { roomId });
    expect(refused).toEqual({ error: expect.objectContaining({ code: 'not_in_team' }) });

    const memberSocket = await fixture.agent(member.accessToken);
    const joined = (await memberSocket.emitWithAck('room:join', { roomId })) as {
      room: RoomSummary;
    };
    expect(joined.room).toMatchObject({ status: 'active', agent: { id: member.user.id } });
    // The supervisor hears the room taken; the outsider hears nothing of it.
    await eventually(() => expect(adminUpdates).toContain(roomId));
    expect(outsiderUpdates).not.toContain(roomId);

    // Supervisors see every open conversation; others may not ask.
    const open = await http()
      .get('/api/chat/rooms/open')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(open.body.rooms.map((r: RoomSummary) => r.roomId)).toContain(roomId);
    await http().get('/api/chat/rooms/open').set(bearer(outsider.accessToken)).expect(403);
  });

  it('lets the room’s agent set category and priority, announced and in the timeline; others and bad ids are refused', async () => {
    const { admin, chatbot, member, billing } = await tenantWithTeam();
    const roomId = await newRoom(chatbot);
    const memberSocket = await fixture.agent(member.accessToken);
    await memberSocket.emitWithAck('room:join', { roomId });

    const answer = (await memberSocket.emitWithAck('room:update', {
      roomId,
      category: billing,
      priority: 'urgent',
    })) as { room: RoomSummary };
    expect(answer.room).toMatchObject({ category: billing, priority: 'urgent' });
    await eventOf(
      ChatroomUpdatedV1.topic,
      roomId,
      (p) => p.priority === 'urgent' && p.by === member.user.id,
    );
    expect(await systemLines(admin, roomId)).toContain(
      'Mia Member set the category to Billing and the priority to urgent.',
    );

    const other = await fixture.directory.agent(admin);
    await label(other, roomId, { priority: 'low' }).expect(403);
    const bad = await label(admin, roomId, { category: 'no-such-category' }).expect(400);
    expect(bad.body.message).toContain('category');
    await label(admin, roomId, { priority: 'whenever' }).expect(400);
    expect(
      (await http().get(`/api/chat/rooms/${roomId}`).set(bearer(admin.accessToken))).body,
    ).toMatchObject({ priority: 'urgent', category: billing });
  });

  it('no longer offers a deleted category, while rooms keep it', async () => {
    const { admin, billing, roomId } = await tenantWithTeam();
    await fixture.directory.deleteCategory(admin.tenant.id, billing);
    await eventually(async () => {
      const refused = await label(admin, roomId, { category: billing }).expect(400);
      expect(refused.body.message).toContain('category');
    });
    const room = await http().get(`/api/chat/rooms/${roomId}`).set(bearer(admin.accessToken));
    expect(room.body.category).toBe(billing);
  });

  it('shows the team’s queue to an agent as soon as they join the team', async () => {
    const { admin, outsider, team, roomId } = await tenantWithTeam();
    const outsiderInbox = new Inbox(await fixture.agent(outsider.accessToken));
    // The page a connecting agent is sent first has arrived: later pages follow the change.
    await eventually(() => expect(outsiderInbox.pages.length).toBeGreaterThan(0));
    expect(await queuedIds(outsider)).not.toContain(roomId);
    await fixture.directory.updateTeam(admin.tenant.id, {
      ...team,
      memberIds: [...team.memberIds, outsider.user.id],
    });
    await eventually(async () => expect(await queuedIds(outsider)).toContain(roomId));
    await eventually(() =>
      expect(outsiderInbox.pages.at(-1)?.rooms.map((r) => r.roomId)).toContain(roomId),
    );
  });

  it('transfers a room to a team: it waits in that team’s queue, on Kafka and in the timeline', async () => {
    const { admin, chatbot, member, outsider, team } = await tenantWithTeam();
    const roomId = await newRoom(chatbot);
    const outsiderSocket = await fixture.agent(outsider.accessToken);
    await outsiderSocket.emitWithAck('room:join', { roomId });

    const moved = (await outsiderSocket.emitWithAck('room:transfer', {
      roomId,
      teamId: team.teamId,
    })) as { room: RoomSummary };
    expect(moved.room).toMatchObject({ status: 'queued', teamId: team.teamId });
    expect(moved.room.agent).toBeUndefined();
    expect(await queuedIds(member)).toContain(roomId);
    expect(await queuedIds(outsider)).not.toContain(roomId);
    await eventOf(
      ChatroomRequeuedV1.topic,
      roomId,
      (p) =>
        p.reason === 'transferred' &&
        p.teamId === team.teamId &&
        p.previousAgentId === outsider.user.id,
    );
    expect(await systemLines(admin, roomId)).toContain(
      'Otto Outsider transferred the conversation to Billing team.',
    );
  });

  it('lets a supervisor reassign any open room and return it to the queue; agents may not', async () => {
    const { admin, chatbot, member, outsider } = await tenantWithTeam();
    const roomId = await newRoom(chatbot);
    const outsiderSocket = await fixture.agent(outsider.accessToken);
    await outsiderSocket.emitWithAck('room:join', { roomId });

    const memberSocket = await fixture.agent(member.accessToken);
    expect(await memberSocket.emitWithAck('room:reassign', { roomId, toQueue: true })).toEqual({
      error: expect.objectContaining({ code: 'not_supervisor' }),
    });

    const supervisor = await fixture.agent(admin.accessToken);
    const reassigned = (await supervisor.emitWithAck('room:reassign', {
      roomId,
      agentId: member.user.id,
    })) as { room: RoomSummary };
    expect(reassigned.room).toMatchObject({ status: 'active', agent: { id: member.user.id } });
    await eventOf(
      ChatroomAssignedV1.topic,
      roomId,
      (p) =>
        p.agentId === member.user.id &&
        p.reassignedBy === admin.user.id &&
        p.previousAgentId === outsider.user.id,
    );

    const returned = await http()
      .post(`/api/chat/rooms/${roomId}/reassign`)
      .set(bearer(admin.accessToken))
      .send({ toQueue: true })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'queued', teamId: null });
    await eventOf(
      ChatroomRequeuedV1.topic,
      roomId,
      (p) => p.reason === 'returned' && p.by === admin.user.id,
    );
    expect(await systemLines(admin, roomId)).toEqual(
      expect.arrayContaining([
        'Ada Admin reassigned the conversation to Mia Member.',
        'Ada Admin returned the conversation to the queue.',
      ]),
    );
    await http()
      .post(`/api/chat/rooms/${roomId}/reassign`)
      .set(bearer(admin.accessToken))
      .send({ agentId: member.user.id, toQueue: true })
      .expect(400);
  });

  it('refuses to reassign a room to an agent who has as many chats as they may', async () => {
    const { admin, chatbot } = await tenantWithTeam();
    const busy = await fixture.activeAgent(admin, { name: 'Bea Busy', maxConcurrentChats: 1 });
    const first = await newRoom(chatbot);
    const busySocket = await fixture.agent(busy.accessToken);
    expect(await busySocket.emitWithAck('room:join', { roomId: first })).toHaveProperty('room');
    const roomId = await newRoom(chatbot);
    const refused = await http()
      .post(`/api/chat/rooms/${roomId}/reassign`)
      .set(bearer(admin.accessToken))
      .send({ agentId: busy.user.id })
      .expect(409);
    expect(refused.body.code).toBe('at_capacity');
    expect(await queuedIds(admin)).toContain(roomId);
  });

  it('never gives a room to two agents when a supervisor’s reassign races an agent’s join', async () => {
    const { admin, chatbot, member, outsider } = await tenantWithTeam();
    const mine = async (agent: SignedIn) =>
      (
        await http().get('/api/chat/rooms/mine').set(bearer(agent.accessToken)).expect(200)
      ).body.rooms.map((room: RoomSummary) => room.roomId) as string[];
    for (let round = 0; round < 4; round += 1) {
      const roomId = await newRoom(chatbot);
      const joiner = await fixture.agent(outsider.accessToken);
      const supervisor = await fixture.agent(admin.accessToken);
      const [joined, reassigned] = await Promise.all([
        joiner.emitWithAck('room:join', { roomId }),
        supervisor.emitWithAck('room:reassign', { roomId, agentId: member.user.id }),
      ]);
      // Decided on the same state, one of them wins and the other is refused (already_taken or
      // room_moved; `conflict` while the winner is still writing); a reassign that read the
      // room after the join applied moves it on.
      const winner = 'room' in reassigned ? member : outsider;
      const refused = (codes: RegExp) => ({
        error: expect.objectContaining({ code: expect.stringMatching(codes) }),
      });
      if (!('room' in joined)) expect(joined).toEqual(refused(/^(already_taken|conflict)$/));
      if (!('room' in reassigned)) expect(reassigned).toEqual(refused(/^(room_moved|conflict)$/));
      expect('room' in joined || 'room' in reassigned).toBe(true);
      const room = (await http().get(`/api/chat/rooms/${roomId}`).set(bearer(admin.accessToken)))
        .body as RoomSummary;
      expect(room.agent?.id).toBe(winner.user.id);
      // Exactly one agent has the room among their chats.
      expect(await mine(winner)).toContain(roomId);
      expect(await mine(winner === member ? outsider : member)).not.toContain(roomId);
      joiner.disconnect();
      supervisor.disconnect();
    }
  });

  it('returns a deleted team’s rooms, waiting and taken, to the tenant’s queue, losing none', async () => {
    const {
      admin,
      chatbot,
      member,
      outsider,
      billing,
      team,
      roomId: waiting,
    } = await tenantWithTeam();
    const taken = await newRoom(chatbot);
    await label(admin, taken, { category: billing }).expect(200);
    const memberSocket = await fixture.agent(member.accessToken);
    await memberSocket.emitWithAck('room:join', { roomId: taken });
    expect(await queuedIds(outsider)).not.toContain(waiting);

    await fixture.directory.deleteTeam(admin.tenant.id, team.teamId);
    await eventually(async () => expect(await queuedIds(outsider)).toContain(waiting));
    const room = async (id: string) =>
      (await http().get(`/api/chat/rooms/${id}`).set(bearer(admin.accessToken)).expect(200))
        .body as RoomSummary;
    // Chat moves the team's rooms one after another: the taken one may come second.
    await eventually(async () => {
      expect(await room(waiting)).toMatchObject({
        status: 'queued',
        teamId: null,
        category: billing,
      });
      expect(await room(taken)).toMatchObject({
        status: 'active',
        teamId: null,
        agent: { id: member.user.id },
      });
    });
    expect((await queue(admin, { teamId: team.teamId })).total).toBe(0);
  });
});
