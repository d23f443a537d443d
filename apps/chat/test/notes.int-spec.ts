import { NoteAddedV1, NotificationRequestedV1, type RoomNote } from '@app/contracts';
import { bearer, eventually, TopicProbe } from '@app/testing';
import request from 'supertest';
import { ChatFixture } from './chat-fixture';

jest.setTimeout(120_000);

describe('private notes', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([NoteAddedV1.topic, NotificationRequestedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  const http = () => request(fixture.chat.url);

  /** A visitor and the admin in a room, with everything the visitor's socket receives. */
  async function conversation() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const agent = await fixture.agent(admin.accessToken);
    const visitor = await fixture.visitor(visitorToken);
    const seenByVisitor: string[] = [];
    visitor.onAny((event: string, ...args: unknown[]) =>
      seenByVisitor.push(`${event} ${JSON.stringify(args)}`),
    );
    expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
      room: { status: 'active' },
    });
    return { admin, chatbot, roomId, visitorToken, agent, visitor, seenByVisitor };
  }

  it('reaches agents only: never the visitor’s socket, history or transcript', async () => {
    const chat = await conversation();
    await chat.visitor.emitWithAck('message:send', { clientMessageId: 'v1', body: 'Hello?' });
    const before = await http()
      .get(`/api/chat/rooms/${chat.roomId}/messages`)
      .set(bearer(chat.admin.accessToken))
      .expect(200);
    const lastSeq = Math.max(...before.body.messages.map((m: { seq: number }) => m.seq));
    const colleague = await fixture.agent(chat.admin.accessToken);
    const liveNotes: RoomNote[] = [];
    colleague.on('note:new', (note) => liveNotes.push(note));

    const added = await chat.agent.emitWithAck('note:add', {
      roomId: chat.roomId,
      clientNoteId: 'n1',
      body: 'Secret: VIP customer, refund approved',
    });
    expect(added).toEqual({
      note: {
        id: expect.any(String),
        roomId: chat.roomId,
        body: 'Secret: VIP customer, refund approved',
        author: { id: chat.admin.user.id, name: expect.any(String) },
        afterSeq: lastSeq,
        createdAt: expect.any(String),
      },
    });
    // Sent again (a retry): stored once.
    const again = await chat.agent.emitWithAck('note:add', {
      roomId: chat.roomId,
      clientNoteId: 'n1',
      body: 'Secret: VIP customer, refund approved',
    });
    expect(again).toEqual(added);
    await http()
      .post(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.admin.accessToken))
      .send({ body: 'Second note, over REST' })
      .expect(201);
    await eventually(() => expect(liveNotes).toHaveLength(2));

    const listed = await http()
      .get(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.admin.accessToken))
      .expect(200);
    expect(listed.body.notes.map((note: RoomNote) => note.body)).toEqual([
      'Secret: VIP customer, refund approved',
      'Second note, over REST',
    ]);
    await probe.waitFor(
      (message) =>
        message.topic === NoteAddedV1.topic &&
        JSON.parse(message.value).payload.noteId === (added as { note: RoomNote }).note.id,
    );

    await chat.agent.emitWithAck('message:send', {
      roomId: chat.roomId,
      clientMessageId: 'a1',
      body: 'Your refund is on its way',
    });
    await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });
    const transcript = await probe.waitFor(
      (message) =>
        message.topic === NotificationRequestedV1.topic &&
        message.value.includes('Your refund is on its way'),
    );
    expect(transcript.value).not.toContain('Secret');
    expect(transcript.value).not.toContain('Second note');

    // The visitor's own ways in: the socket saw the reply and no note; history and the notes
    // route give the visitor nothing of them.
    expect(chat.seenByVisitor.join('\n')).toContain('Your refund is on its way');
    expect(chat.seenByVisitor.join('\n')).not.toMatch(/Secret|Second note|note:new/);
    const history = await http()
      .get(`/api/chat/rooms/${chat.roomId}/messages`)
      .set(bearer(chat.visitorToken))
      .expect(200);
    expect(JSON.stringify(history.body)).not.toMatch(/Secret|Second note/);
    const visitorAsks = await http()
      .get(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.visitorToken));
    expect([401, 403]).toContain(visitorAsks.status);
    expect(JSON.stringify(visitorAsks.body)).not.toContain('Secret');

    // Deleting the conversation takes its notes with it.
    await http()
      .delete(`/api/chat/rooms/${chat.roomId}`)
      .set(bearer(chat.admin.accessToken))
      .expect(204);
    expect(await fixture.chat.db.collection('notes').countDocuments({ roomId: chat.roomId })).toBe(
      0,
    );
  });

  it('refuses a note sent through the visitor’s namespace, and stores nothing', async () => {
    const chat = await conversation();
    expect(
      await chat.visitor.emitWithAck('note:add', { roomId: chat.roomId, body: 'sneaky' }),
    ).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    const listed = await http()
      .get(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.admin.accessToken))
      .expect(200);
    expect(listed.body.notes).toEqual([]);
  });

  it('keeps notes to agents who may see the room, and refuses bad ones', async () => {
    const chat = await conversation();
    const other = await fixture.tenantWithChatbot();
    await http()
      .post(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(other.admin.accessToken))
      .send({ body: 'from elsewhere' })
      .expect(404);
    await http()
      .get(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(other.admin.accessToken))
      .expect(404);
    const empty = await http()
      .post(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.admin.accessToken))
      .send({ body: '   ' })
      .expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    await http()
      .post(`/api/chat/rooms/${chat.roomId}/notes`)
      .set(bearer(chat.admin.accessToken))
      .send({ body: 'x'.repeat(4001) })
      .expect(400);
    expect(
      await chat.agent.emitWithAck('note:add', { roomId: chat.roomId, body: '' }),
    ).toMatchObject({ error: { code: 'invalid_payload' } });
  });
});
