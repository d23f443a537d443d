import { type RoomHistoryPage, type RoomSummary } from '@app/contracts';
import { bearer, eventually, type SignedIn } from '@app/testing';
import request from 'supertest';
import { ChatFixture } from './chat-fixture';

jest.setTimeout(120_000);

describe('the conversation history (GET /rooms)', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const list = (agent: SignedIn, query: Record<string, string | number> = {}) =>
    request(fixture.chat.url).get('/api/chat/rooms').query(query).set(bearer(agent.accessToken));

  const page = async (agent: SignedIn, query: Record<string, string | number> = {}) =>
    (await list(agent, query).expect(200)).body as RoomHistoryPage;

  /** Every page, following `nextCursor`. */
  async function everything(agent: SignedIn, query: Record<string, string | number> = {}) {
    const rooms: RoomSummary[] = [];
    let cursor: string | null = null;
    do {
      const next: RoomHistoryPage = await page(agent, { ...query, ...(cursor ? { cursor } : {}) });
      rooms.push(...next.rooms);
      cursor = next.nextCursor;
    } while (cursor);
    return rooms;
  }

  const ids = (rooms: RoomSummary[]) => rooms.map((room) => room.roomId);

  const newRoom = async (chatbot: Parameters<ChatFixture['openSession']>[0], name = 'Vera') =>
    (await fixture.openSession(chatbot, { name }).expect(201)).body.roomId as string;

  it('lists open and closed conversations newest first, across pages, and filters them', async () => {
    const started = new Date();
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.agent(admin.accessToken);
    const rooms: string[] = [];
    for (const name of ['Ann', 'Ben', 'Cleo', 'Dan', 'Eve'])
      rooms.push(await newRoom(chatbot, name));
    const [ann, ben, cleo, dan, eve] = rooms;
    for (const roomId of [ann, cleo]) {
      expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({ room: { roomId } });
    }
    expect(
      await agent.emitWithAck('room:close', { roomId: ann, reason: 'resolved' }),
    ).toMatchObject({ room: { status: 'closed' } });
    await request(fixture.chat.url)
      .patch(`/api/chat/rooms/${dan}`)
      .set(bearer(admin.accessToken))
      .send({ priority: 'urgent' })
      .expect(200);

    // The probe room that showed chat knows the chatbot is the oldest, closed, conversation.
    const all = await everything(admin, { limit: 2 });
    expect(ids(all).slice(0, 5)).toEqual([eve, dan, cleo, ben, ann]);
    expect(all).toHaveLength(6);
    expect(new Set(ids(all)).size).toBe(6);

    const closed = await everything(admin, { status: 'closed' });
    expect(ids(closed)).toContain(ann);
    expect(ids(closed)).not.toContain(cleo);
    const annClosed = closed.find((room) => room.roomId === ann)!;
    expect(annClosed).toMatchObject({ status: 'closed', closeReason: 'resolved' });
    expect(Date.parse(annClosed.closedAt!)).toBeGreaterThanOrEqual(started.getTime());

    expect(ids(await everything(admin, { status: 'queued,active' }))).toEqual([
      eve,
      dan,
      cleo,
      ben,
    ]);
    expect(ids(await everything(admin, { status: 'active' }))).toEqual([cleo]);
    expect(ids(await everything(admin, { priority: 'high,urgent' }))).toEqual([dan]);
    expect(ids(await everything(admin, { agentId: admin.user.id }))).toEqual(
      expect.arrayContaining([cleo, ann]),
    );
    expect(await everything(admin, { chatbotId: chatbot.id })).toHaveLength(6);
    expect(await everything(admin, { from: new Date(Date.now() + 60_000).toISOString() })).toEqual(
      [],
    );
    expect(await everything(admin, { to: started.toISOString() })).toEqual([]);
  });

  it('shows an agent outside a team neither its conversations nor another tenant’s', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const member = await fixture.activeAgent(admin, { name: 'Mia Member' });
    const outsider = await fixture.activeAgent(admin, { name: 'Otto Outsider' });
    const billing = await fixture.directory.category(admin.tenant.id, 'Billing');
    const team = await fixture.directory.team(admin.tenant.id, {
      name: 'Billing team',
      memberIds: [member.user.id],
      categoryIds: [billing],
    });
    const teamRoom = await newRoom(chatbot);
    const everyonesRoom = await newRoom(chatbot);
    await eventually(async () => {
      const answer = await request(fixture.chat.url)
        .patch(`/api/chat/rooms/${teamRoom}`)
        .set(bearer(admin.accessToken))
        .send({ category: billing })
        .expect(200);
      expect(answer.body.teamId).toBe(team.teamId);
    });

    expect(ids(await everything(member))).toEqual(
      expect.arrayContaining([teamRoom, everyonesRoom]),
    );
    const seenByOutsider = ids(await everything(outsider));
    expect(seenByOutsider).toContain(everyonesRoom);
    expect(seenByOutsider).not.toContain(teamRoom);
    expect(await everything(outsider, { teamId: team.teamId })).toEqual([]);
    expect(ids(await everything(admin, { teamId: team.teamId }))).toEqual([teamRoom]);
    expect(ids(await everything(admin, { category: billing }))).toEqual([teamRoom]);
    expect(ids(await everything(admin, { teamId: 'none' }))).not.toContain(teamRoom);

    const other = await fixture.tenantWithChatbot();
    const othersRoom = await newRoom(other.chatbot);
    expect(ids(await everything(admin))).not.toContain(othersRoom);
    expect(await everything(admin, { chatbotId: other.chatbot.id })).toEqual([]);
    expect(ids(await everything(other.admin))).toContain(othersRoom);
    expect(ids(await everything(other.admin))).not.toContain(teamRoom);
  });

  it('answers 400 naming the field for a bad filter or cursor, and 401 without a token', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    for (const [query, field] of [
      [{ status: 'open,bogus' }, 'status'],
      [{ priority: 'extreme' }, 'priority'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-12-02', to: '2026-12-01' }, 'to'],
      [{ limit: 1000 }, 'limit'],
      [{ sort: 'name' }, ''],
    ] as const) {
      const answer = await list(admin, query).expect(400);
      expect(answer.body.code).toBe('validation_failed');
      if (field) {
        expect(answer.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: expect.stringMatching(field) }),
          ]),
        );
      }
    }
    await request(fixture.chat.url).get('/api/chat/rooms').expect(401);
  });
});
