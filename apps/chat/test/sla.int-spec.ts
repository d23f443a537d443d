import {
  NotificationRequestedV1,
  type RoomSummary,
  type SlaBreachAlert,
  SlaBreachedV1,
  type SlaPolicySnapshot,
} from '@app/contracts';
import { bearer, eventually, type SignedIn, type TestChatbot, TopicProbe } from '@app/testing';
import { forTenant } from '@app/tenancy';
import request from 'supertest';
import { REDIS } from '@app/platform';
import type Redis from 'ioredis';
import { redisKeys } from '../src/redis-keys';
import { SlaBreaches } from '../src/sla/sla-breaches.service';
import { type ChatSocket, ChatFixture, Inbox } from './chat-fixture';

const SECOND = 1000;

describe('SLA deadlines, breaches and escalation (two chat replicas)', () => {
  let fixture: ChatFixture;
  let breaches: TopicProbe;

  beforeAll(async () => {
    // Sweeps five times a second on each replica, so a 1-second target breaches within a test;
    // the rooms are searched for lost deadlines and unpublished breaches every second.
    fixture = await ChatFixture.start({
      replicas: 2,
      overrides: { SLA_SWEEP_INTERVAL_MS: '200', SLA_RECONCILE_MS: '1000' },
    });
    breaches = await TopicProbe.start([SlaBreachedV1.topic, NotificationRequestedV1.topic]);
  });

  afterAll(async () => {
    await breaches?.stop();
    await fixture?.close();
  });

  const api = (user: SignedIn, replica = 0) => ({
    get: (path: string) =>
      request(fixture.chats[replica].url).get(`/api/chat${path}`).set(bearer(user.accessToken)),
    put: (path: string, body: object) =>
      request(fixture.chats[replica].url)
        .put(`/api/chat${path}`)
        .set(bearer(user.accessToken))
        .send(body),
  });

  /** The policy, once chat has applied it (rooms opened after this get its deadlines). */
  async function policy(
    tenantId: string,
    fields: Parameters<ChatFixture['directory']['slaPolicy']>[1],
  ): Promise<SlaPolicySnapshot> {
    const created = await fixture.directory.slaPolicy(tenantId, fields);
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_sla_policies')
        .findOne({ _id: created.policyId as never });
      expect(entry?.firstResponseSeconds).toBe(created.firstResponseSeconds);
    });
    return created;
  }

  async function openRoom(chatbot: TestChatbot, replica = 0) {
    const { roomId, visitorToken } = (
      await fixture.openSession(chatbot, {}, { replica }).expect(201)
    ).body as { roomId: string; visitorToken: string };
    return { roomId, visitorToken };
  }

  const room = async (admin: SignedIn, roomId: string): Promise<RoomSummary> =>
    (await api(admin).get(`/rooms/${roomId}`).expect(200)).body as RoomSummary;

  const secondsAfter = (summary: RoomSummary, iso: string) =>
    (Date.parse(iso) - Date.parse(summary.createdAt)) / SECOND;

  function alertsOf(socket: ChatSocket): SlaBreachAlert[] {
    const alerts: SlaBreachAlert[] = [];
    socket.on('sla:breached', (alert) => alerts.push(alert));
    return alerts;
  }

  const breachEvents = (roomId: string) =>
    breaches.messages
      .filter((message) => message.topic === SlaBreachedV1.topic)
      .map(
        (message) =>
          JSON.parse(message.value) as { id: string; payload: { roomId: string; kind: string } },
      )
      .filter((event) => event.payload.roomId === roomId);

  it('gives a room the most specific policy’s deadlines at creation and moves them with its priority', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const normal = await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 600,
      resolutionSeconds: 3600,
    });
    await policy(admin.tenant.id, {
      priority: 'high',
      firstResponseSeconds: 120,
      resolutionSeconds: 900,
    });
    const agent = await fixture.agent(admin.accessToken);
    const agentInbox = new Inbox(agent);
    const { roomId, visitorToken } = await openRoom(chatbot);
    const visitorInbox = new Inbox(await fixture.visitor(visitorToken));

    const created = await room(admin, roomId);
    expect(created.sla).toMatchObject({
      policyId: normal.policyId,
      startedAt: created.createdAt,
      firstResponse: { metAt: null, breachedAt: null },
      resolution: { metAt: null, breachedAt: null },
    });
    expect(secondsAfter(created, created.sla!.firstResponse.dueAt)).toBe(600);
    expect(secondsAfter(created, created.sla!.resolution.dueAt)).toBe(3600);

    await agent.emitWithAck('room:join', { roomId });
    const raised = (await agent.emitWithAck('room:update', { roomId, priority: 'high' })) as {
      room: RoomSummary;
    };
    expect(secondsAfter(created, raised.room.sla!.firstResponse.dueAt)).toBe(120);
    expect(secondsAfter(created, raised.room.sla!.resolution.dueAt)).toBe(900);
    // Agents hear of the new deadlines; the visitor hears of the change but never of the SLA.
    await agentInbox.waitForUpdate(
      (update) =>
        update.roomId === roomId &&
        update.priority === 'high' &&
        update.sla?.policyId !== normal.policyId,
    );
    const visitorSaw = await visitorInbox.waitForUpdate((update) => update.priority === 'high');
    expect(visitorSaw).not.toHaveProperty('sla');

    // The first agent message meets the first-response target.
    await agent.emitWithAck('message:send', { roomId, clientMessageId: 'hi', body: 'Hello!' });
    await eventually(async () =>
      expect((await room(admin, roomId)).sla!.firstResponse.metAt).not.toBeNull(),
    );
  });

  it('gives new rooms no deadlines once their policy is deleted, and keeps those given', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const normal = await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 600,
      resolutionSeconds: 3600,
    });
    const before = await openRoom(chatbot);
    await fixture.directory.deleteSlaPolicy(admin.tenant.id, normal.policyId);
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_sla_policies')
        .findOne({ _id: normal.policyId as never });
      expect(entry?.deleted).toBe(true);
    });
    const after = await openRoom(chatbot);
    expect((await room(admin, after.roomId)).sla).toBeNull();
    expect((await room(admin, before.roomId)).sla?.policyId).toBe(normal.policyId);
  });

  it('counts the targets in the workspace’s business hours', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    // Open only tomorrow (UTC), 09:00 to 17:00: a room opened now waits until then.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[tomorrow.getUTCDay()];
    await fixture.directory.updateSettings(admin.tenant.id, {
      businessHours: { weekly: [{ day, start: '09:00', end: '17:00' }], holidays: [] },
    });
    await eventually(async () => {
      const tenant = await fixture.chat.db
        .collection('directory_tenants')
        .findOne({ _id: admin.tenant.id as never });
      expect(tenant?.businessHours).not.toBeNull();
    });
    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 60,
      resolutionSeconds: 3600,
    });
    // The chatbot takes live chats outside hours too: the room waits for the hours to count.
    await fixture.directory.updateChatbot(chatbot, { offlineWhen: 'never' });
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_chatbots')
        .findOne({ _id: chatbot.id as never });
      expect(entry?.offlineWhen).toBe('never');
    });
    const { roomId } = await openRoom(chatbot);
    const opensAt = `${tomorrow.toISOString().slice(0, 10)}T09:00:00.000Z`;
    const { sla } = await room(admin, roomId);
    expect(sla!.firstResponse.dueAt).toBe(
      new Date(Date.parse(opensAt) + 60 * SECOND).toISOString(),
    );
    expect(sla!.resolution.dueAt).toBe(new Date(Date.parse(opensAt) + 3600 * SECOND).toISOString());
  });

  it('counts in the team’s own hours once the room goes to a team that has some', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const billing = await fixture.directory.category(admin.tenant.id, 'Billing');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[tomorrow.getUTCDay()];
    const team = await fixture.directory.team(admin.tenant.id, {
      name: 'Billing desk',
      categoryIds: [billing],
      businessHours: {
        weekly: [{ day, start: '09:00', end: '17:00' }],
        holidays: [],
        timeZone: 'UTC',
      },
    });
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_teams')
        .findOne({ _id: team.teamId as never });
      expect(entry?.businessHours).not.toBeNull();
      expect(
        await fixture.chat.db.collection('directory_categories').findOne({ _id: billing as never }),
      ).not.toBeNull();
    });
    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 60,
      resolutionSeconds: 3600,
    });
    // The workspace has no hours: wall-clock time until the room is the team's.
    const { roomId } = await openRoom(chatbot);
    const before = await room(admin, roomId);
    expect(secondsAfter(before, before.sla!.firstResponse.dueAt)).toBe(60);

    const agent = await fixture.agent(admin.accessToken);
    const moved = (await agent.emitWithAck('room:update', { roomId, category: billing })) as {
      room: RoomSummary;
    };
    expect(moved.room.teamId).toBe(team.teamId);
    const opensAt = Date.parse(`${tomorrow.toISOString().slice(0, 10)}T09:00:00.000Z`);
    expect(moved.room.sla!.firstResponse.dueAt).toBe(new Date(opensAt + 60 * SECOND).toISOString());
  });

  it('records, publishes and alerts a breach once, with both replicas sweeping, and escalates it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const supervisorOnOne = await fixture.activeAgent(admin, { name: 'Sue Supervisor' });
    await fixture.directory.updateUser(supervisorOnOne, {
      permissions: ['chats:join', 'chats:supervise'],
    });
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_agents')
        .findOne({ _id: supervisorOnOne.user.id as never });
      expect(entry?.permissions).toContain('chats:supervise');
    });
    const adminAlerts = alertsOf(await fixture.agent(admin.accessToken, 0));
    const supervisorAlerts = alertsOf(
      await fixture.agent(
        fixture.tokens.issue({
          sub: supervisorOnOne.user.id,
          tid: admin.tenant.id,
          name: 'Sue Supervisor',
          email: supervisorOnOne.user.email,
          roles: ['Supervisor'],
          perms: ['chats:join', 'chats:supervise'],
        }),
        1,
      ),
    );
    const plainAgent = await fixture.activeAgent(admin);
    const agentAlerts = alertsOf(await fixture.agent(plainAgent.accessToken, 1));
    // The admin chose to be emailed; the other supervisor did not.
    await api(admin).put('/sla/alert-preference', { email: true }).expect(200, { email: true });

    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 1,
      resolutionSeconds: 3600,
      escalation: { action: 'raise-priority' },
    });
    const { roomId } = await openRoom(chatbot, 1);

    const breached = await eventually(async () => {
      const summary = await room(admin, roomId);
      expect(summary.sla!.firstResponse.breachedAt).not.toBeNull();
      return summary;
    });
    // Raised one step, its deadlines kept: a breach is not undone by a new target.
    await eventually(async () => expect((await room(admin, roomId)).priority).toBe('high'));
    expect((await room(admin, roomId)).sla!.firstResponse.dueAt).toBe(
      breached.sla!.firstResponse.dueAt,
    );

    await eventually(() => expect(adminAlerts).toHaveLength(1));
    await eventually(() => expect(supervisorAlerts).toHaveLength(1));
    expect(adminAlerts[0]).toMatchObject({
      roomId,
      kind: 'first_response',
      dueAt: breached.sla!.firstResponse.dueAt,
      priority: 'normal',
      escalation: 'raise-priority',
      visitorName: 'Vera Visitor',
    });
    const breachMailsOfTenant = () =>
      breaches.messages
        .filter((message) => message.topic === NotificationRequestedV1.topic)
        .map(
          (message) =>
            JSON.parse(message.value) as {
              tenantId: string;
              payload: { kind: string; displayId?: number; to: { email: string } };
            },
        )
        .filter(
          (event) => event.tenantId === admin.tenant.id && event.payload.kind === 'sla-breached',
        );
    await eventually(() => expect(breachMailsOfTenant()).toHaveLength(1));
    expect(breachMailsOfTenant()[0].payload).toMatchObject({
      displayId: breached.displayId,
      to: { email: admin.user.email },
    });

    // Several more sweeps of both replicas later, still one of everything.
    await new Promise((resolve) => setTimeout(resolve, 2 * SECOND));
    expect(breachEvents(roomId)).toHaveLength(1);
    expect(breachEvents(roomId)[0].payload).toMatchObject({ kind: 'first_response' });
    expect(adminAlerts).toHaveLength(1);
    expect(supervisorAlerts).toHaveLength(1);
    expect(agentAlerts).toHaveLength(0);
    expect(breachMailsOfTenant()).toHaveLength(1);
    const records = await fixture.chat.db.collection('sla_breaches').find({ roomId }).toArray();
    expect(records).toEqual([expect.objectContaining({ kind: 'first_response', published: true })]);
  });

  it('acts on a breach once when two replicas race for it past the lock', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    await policy(admin.tenant.id, {
      priority: 'low',
      firstResponseSeconds: 3600,
      resolutionSeconds: 7200,
    });
    const { roomId } = await openRoom(chatbot);
    const agent = await fixture.agent(admin.accessToken);
    await agent.emitWithAck('room:update', { roomId, priority: 'low' });
    const stored = await fixture.chat.db.collection('rooms').findOne({ _id: roomId as never });
    const record = { ...stored!, id: roomId } as never;
    // Both replicas handle the same due room at the same moment, as they would if the sweep's
    // lock expired under one of them.
    const acted = await Promise.all(
      fixture.chats.map((chat) =>
        forTenant(admin.tenant.id, 'two replicas breaching one room', () =>
          chat.app.get(SlaBreaches).breach(record, 'resolution', new Date()),
        ),
      ),
    );
    expect(acted.filter(Boolean)).toHaveLength(1);
    await eventually(() => expect(breachEvents(roomId)).toHaveLength(1));
    expect((await room(admin, roomId)).sla!.resolution.breachedAt).not.toBeNull();
  });

  it('publishes a breach its replica recorded but never published (a crash), with the same event', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const policyId = (
      await policy(admin.tenant.id, {
        priority: 'urgent',
        firstResponseSeconds: 3600,
        resolutionSeconds: 7200,
      })
    ).policyId;
    const { roomId } = await openRoom(chatbot);
    const dueAt = new Date(Date.now() - 60 * SECOND);
    await fixture.chat.db.collection('sla_breaches').insertOne({
      _id: `${roomId}:resolution` as never,
      tenantId: admin.tenant.id,
      roomId,
      chatbotId: chatbot.id,
      kind: 'resolution',
      policyId,
      dueAt,
      breachedAt: new Date(Date.now() - 30 * SECOND),
      priority: 'urgent',
      teamId: null,
      category: null,
      agentId: null,
      escalation: { action: 'none' },
      published: false,
    });
    await eventually(() => expect(breachEvents(roomId)).toHaveLength(1));
    await eventually(async () => {
      const record = await fixture.chat.db
        .collection('sla_breaches')
        .findOne({ _id: `${roomId}:resolution` as never });
      expect(record?.published).toBe(true);
    });
    expect(breachEvents(roomId)[0].payload).toMatchObject({
      kind: 'resolution',
      dueAt: dueAt.toISOString(),
    });
  });

  it('breaches a room whose deadlines Redis lost: the rooms are searched for them again', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 3,
      resolutionSeconds: 3600,
    });
    const { roomId } = await openRoom(chatbot);
    // As a Redis that restarted without its data: the index forgets the room's deadlines.
    const redis = fixture.chat.app.get<Redis>(REDIS);
    const index = redisKeys.slaDeadlines(fixture.chat.config.MONGO_DB);
    const members = (await redis.zrange(index, 0, -1)).filter((member) => member.includes(roomId));
    expect(members).toHaveLength(2);
    await redis.zrem(index, ...members);

    await eventually(async () =>
      expect((await room(admin, roomId)).sla!.firstResponse.breachedAt).not.toBeNull(),
    );
    await eventually(() => expect(breachEvents(roomId)).toHaveLength(1));
    expect(breachEvents(roomId)[0].payload.kind).toBe('first_response');
  });

  it('reassigns a breached room to the agent the policy names', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const lead = await fixture.activeAgent(admin, { name: 'Lena Lead' });
    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 1,
      resolutionSeconds: 3600,
      escalation: { action: 'reassign', agentId: lead.user.id },
    });
    const leadInbox = new Inbox(await fixture.agent(lead.accessToken, 1));
    const { roomId } = await openRoom(chatbot);
    await eventually(async () =>
      expect((await room(admin, roomId)).agent).toEqual({ id: lead.user.id, name: 'Lena Lead' }),
    );
    expect((await room(admin, roomId)).status).toBe('active');
    await leadInbox.waitForMessage(
      (message) => message.roomId === roomId && message.body.includes('Lena Lead took over'),
    );
  });

  it('returns a breached room to the front of its queue', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const billing = await fixture.directory.category(admin.tenant.id, 'Billing');
    await eventually(async () =>
      expect(
        await fixture.chat.db.collection('directory_categories').findOne({ _id: billing as never }),
      ).not.toBeNull(),
    );
    await policy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 3600,
      resolutionSeconds: 7200,
    });
    await policy(admin.tenant.id, {
      priority: 'normal',
      categoryId: billing,
      firstResponseSeconds: 3,
      resolutionSeconds: 3600,
      escalation: { action: 'requeue-front' },
    });
    const waiting = await openRoom(chatbot);
    const taken = await openRoom(chatbot);
    const agent = await fixture.activeAgent(admin);
    const socket = await fixture.agent(agent.accessToken);
    await socket.emitWithAck('room:join', { roomId: taken.roomId });
    // Billing's stricter policy applies from here on, counted from the room's start.
    const updated = (await socket.emitWithAck('room:update', {
      roomId: taken.roomId,
      category: billing,
    })) as { room: RoomSummary };
    expect(secondsAfter(updated.room, updated.room.sla!.firstResponse.dueAt)).toBe(3);

    await eventually(async () => expect((await room(admin, taken.roomId)).status).toBe('queued'));
    const queue = (await api(admin).get('/rooms/queue').expect(200)).body as {
      rooms: RoomSummary[];
    };
    const order = queue.rooms.map((summary) => summary.roomId);
    expect(order.indexOf(taken.roomId)).toBeLessThan(order.indexOf(waiting.roomId));
    expect(order.indexOf(waiting.roomId)).toBeGreaterThan(-1);
  });

  it('keeps a supervisor’s choice of email alerts, and only a supervisor’s', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    await api(admin).get('/sla/alert-preference').expect(200, { email: false });
    await api(admin).put('/sla/alert-preference', { email: true }).expect(200);
    await api(admin, 1).get('/sla/alert-preference').expect(200, { email: true });
    await api(admin).put('/sla/alert-preference', { email: 'yes' }).expect(400);
    const agent = await fixture.activeAgent(admin);
    await api(agent).put('/sla/alert-preference', { email: true }).expect(403);
  });
});
