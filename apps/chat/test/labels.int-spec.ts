import { ChatroomLabelledV1, type RoomHistoryPage, type RoomSummary } from '@app/contracts';
import { bearer, eventually, type SignedIn, TopicProbe } from '@app/testing';
import request from 'supertest';
import { ChatFixture, Inbox } from './chat-fixture';

jest.setTimeout(120_000);

describe('labels on conversations', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([ChatroomLabelledV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  const http = () => request(fixture.chat.url);
  const put = (agent: SignedIn, roomId: string, labelId: string) =>
    http().put(`/api/chat/rooms/${roomId}/labels/${labelId}`).set(bearer(agent.accessToken));
  const remove = (agent: SignedIn, roomId: string, labelId: string) =>
    http().delete(`/api/chat/rooms/${roomId}/labels/${labelId}`).set(bearer(agent.accessToken));
  const room = async (agent: SignedIn, roomId: string) =>
    (await http().get(`/api/chat/rooms/${roomId}`).set(bearer(agent.accessToken)).expect(200))
      .body as RoomSummary;
  const historyIds = async (agent: SignedIn, query: Record<string, string>) =>
    (
      (await http().get('/api/chat/rooms').query(query).set(bearer(agent.accessToken)).expect(200))
        .body as RoomHistoryPage
    ).rooms.map((summary) => summary.roomId);

  const openRoom = async (chatbot: Parameters<ChatFixture['openSession']>[0]) =>
    (await fixture.openSession(chatbot).expect(201)).body as {
      roomId: string;
      visitorToken: string;
    };

  /** A label chat has heard of (its event applied). */
  const knownLabel = async (tenantId: string, name: string) => {
    const labelId = await fixture.directory.label(tenantId, name);
    await eventually(async () => {
      const entry = await fixture.chat.db
        .collection('directory_labels')
        .findOne({ _id: labelId as never });
      expect(entry?.deleted).toBe(false);
    });
    return labelId;
  };

  const labelledEvent = (roomId: string, match: (payload: Record<string, unknown>) => boolean) =>
    probe.waitFor((message) => {
      const { payload } = JSON.parse(message.value) as { payload: Record<string, unknown> };
      return payload.roomId === roomId && match(payload);
    });

  it('lets an agent label a conversation and take the label off, told to agents and never to the visitor', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const [vip, bug] = await Promise.all([
      knownLabel(admin.tenant.id, 'VIP'),
      knownLabel(admin.tenant.id, 'Bug'),
    ]);
    const agent = await fixture.agent(admin.accessToken);
    const agentInbox = new Inbox(agent);
    const { roomId, visitorToken } = await openRoom(chatbot);
    const visitorInbox = new Inbox(await fixture.visitor(visitorToken));
    expect((await room(admin, roomId)).labels).toEqual([]);

    const labelled = (await put(admin, roomId, vip).expect(200)).body as RoomSummary;
    expect(labelled.labels).toEqual([vip]);
    const added = JSON.parse((await labelledEvent(roomId, (p) => p.change === 'added')).value);
    expect(added.payload).toMatchObject({
      roomId,
      chatbotId: chatbot.id,
      labelId: vip,
      change: 'added',
      labels: [vip],
      by: admin.user.id,
    });
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.labels?.includes(vip) === true,
    );
    // The queue's cards wear the chip too.
    const queued = await http()
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(
      (queued.body.rooms as RoomSummary[]).find((summary) => summary.roomId === roomId)?.labels,
    ).toEqual([vip]);

    // Again: nothing changes, nothing is said.
    expect((await put(admin, roomId, vip).expect(200)).body.labels).toEqual([vip]);
    expect((await put(admin, roomId, bug).expect(200)).body.labels).toEqual([vip, bug]);
    expect((await remove(admin, roomId, vip).expect(200)).body.labels).toEqual([bug]);
    expect((await remove(admin, roomId, vip).expect(200)).body.labels).toEqual([bug]);
    const removed = JSON.parse((await labelledEvent(roomId, (p) => p.change === 'removed')).value);
    expect(removed.payload).toMatchObject({ labelId: vip, change: 'removed', labels: [bug] });
    await agentInbox.waitForUpdate(
      (update) =>
        update.roomId === roomId && JSON.stringify(update.labels) === JSON.stringify([bug]),
    );
    const events = probe.messages.filter((message) => message.value.includes(roomId));
    expect(events).toHaveLength(3);

    // A change the visitor does hear of carries no labels either.
    await agent.emitWithAck('room:join', { roomId });
    const joined = await visitorInbox.waitForUpdate((update) => update.status === 'active');
    expect(joined).not.toHaveProperty('labels');
    expect(visitorInbox.updates.some((update) => 'labels' in update)).toBe(false);
    expect(JSON.stringify(visitorInbox.updates)).not.toContain(bug);

    // Closed conversations are labelled too.
    await agent.emitWithAck('room:close', { roomId, reason: 'resolved' });
    expect((await put(admin, roomId, vip).expect(200)).body.labels).toEqual([bug, vip]);
  });

  it('narrows the history to a label', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const refund = await knownLabel(admin.tenant.id, 'Refund');
    const first = await openRoom(chatbot);
    const second = await openRoom(chatbot);
    await put(admin, first.roomId, refund).expect(200);

    expect(await historyIds(admin, { label: refund })).toEqual([first.roomId]);
    expect(await historyIds(admin, {})).toEqual(
      expect.arrayContaining([first.roomId, second.roomId]),
    );
    const refused = await http()
      .get('/api/chat/rooms')
      .query({ label: '' })
      .set(bearer(admin.accessToken))
      .expect(400);
    expect(refused.body.message).toContain('label');
  });

  it('takes a deleted label off the conversations that wear it', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const [spam, keep] = await Promise.all([
      knownLabel(admin.tenant.id, 'Spam'),
      knownLabel(admin.tenant.id, 'Keep'),
    ]);
    const { roomId } = await openRoom(chatbot);
    await put(admin, roomId, spam).expect(200);
    await put(admin, roomId, keep).expect(200);

    await fixture.directory.deleteLabel(admin.tenant.id, spam);
    await eventually(async () => expect((await room(admin, roomId)).labels).toEqual([keep]));
    const dropped = JSON.parse(
      (await labelledEvent(roomId, (p) => p.change === 'removed' && p.labelId === spam)).value,
    );
    expect(dropped.payload).toMatchObject({ labels: [keep] });
    expect(dropped.payload).not.toHaveProperty('by');
    expect(await historyIds(admin, { label: spam })).toEqual([]);
    const refused = await put(admin, roomId, spam).expect(404);
    expect(refused.body.code).toBe('label_not_found');
  });

  it('answers 404 for a label or a conversation of another workspace', async () => {
    const ours = await fixture.tenantWithChatbot();
    const theirs = await fixture.tenantWithChatbot();
    const ourLabel = await knownLabel(ours.admin.tenant.id, 'Ours');
    const theirLabel = await knownLabel(theirs.admin.tenant.id, 'Theirs');
    const ourRoom = (await openRoom(ours.chatbot)).roomId;
    const theirRoom = (await openRoom(theirs.chatbot)).roomId;

    const foreignLabel = await put(ours.admin, ourRoom, theirLabel).expect(404);
    expect(foreignLabel.body.code).toBe('label_not_found');
    await put(ours.admin, ourRoom, 'no-such-label').expect(404);
    const foreignRoom = await put(ours.admin, theirRoom, ourLabel).expect(404);
    expect(foreignRoom.body.code).toBe('room_not_found');
    await remove(ours.admin, theirRoom, ourLabel).expect(404);

    await put(theirs.admin, theirRoom, theirLabel).expect(200);
    expect(await historyIds(ours.admin, { label: theirLabel })).toEqual([]);
    expect((await room(ours.admin, ourRoom)).labels).toEqual([]);
  });

  it('lets only agents label conversations', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const label = await knownLabel(admin.tenant.id, 'Agents only');
    const { roomId, visitorToken } = await openRoom(chatbot);
    await http()
      .put(`/api/chat/rooms/${roomId}/labels/${label}`)
      .set(bearer(visitorToken))
      .expect(401);
    await http().put(`/api/chat/rooms/${roomId}/labels/${label}`).expect(401);
  });
});
