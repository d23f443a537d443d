import {
  ChatroomDeletedV1,
  ContactErasedV1,
  type ContactExport,
  type ContactProfile,
  ContactUpdatedV1,
  type RoomHistoryPage,
} from '@app/contracts';
import { bearer, eventually, type SignedIn, TopicProbe, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { files, StoreProbe, uploadToRoom } from './attachments-fixture';
import { ChatFixture } from './chat-fixture';

jest.setTimeout(120_000);

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('contacts', () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;
  let store: StoreProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([
      ContactUpdatedV1.topic,
      ContactErasedV1.topic,
      ChatroomDeletedV1.topic,
    ]);
    store = new StoreProbe(fixture.chat.config);
  });

  afterAll(async () => {
    store?.close();
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  const http = () => request(fixture.chat.url);
  const as = (user: SignedIn) => bearer(user.accessToken);

  /** The contact of an email once chat's consumer has recorded what `ready` waits for. */
  const contactOf = (
    admin: SignedIn,
    email: string,
    ready: (contact: ContactProfile) => boolean = () => true,
  ) =>
    eventually(async () => {
      const found = await http().get('/api/chat/contacts').query({ email }).set(as(admin));
      expect(found.status).toBe(200);
      expect(ready(found.body as ContactProfile)).toBe(true);
      return found.body as ContactProfile;
    });

  it('knows a visitor by email across conversations, whatever its case, as one contact', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const local = `mia.${uniqueSuffix()}`;
    // Both at once: two first visits racing to make the contact.
    const [first, second] = await Promise.all([
      fixture
        .openSession(
          chatbot,
          { name: 'Mia', email: `${local}@Example.TEST` },
          { ip: '203.0.113.10', userAgent: CHROME },
        )
        .expect(201),
      fixture
        .openSession(
          chatbot,
          { name: 'Mia', email: `${local}@example.test` },
          { ip: '198.51.100.20', userAgent: FIREFOX },
        )
        .expect(201),
    ]);
    const contact = await contactOf(
      admin,
      ` ${local.toUpperCase()}@EXAMPLE.test `,
      (found) => found.addresses.length === 2,
    );
    expect(
      await fixture.chat.db
        .collection('contacts')
        .countDocuments({ email: `${local}@example.test` }),
    ).toBe(1);

    const conversations = (
      await http().get(`/api/chat/contacts/${contact.id}/conversations`).set(as(admin)).expect(200)
    ).body as RoomHistoryPage;
    const rooms = conversations.rooms;
    expect(rooms.map((room) => room.roomId).sort()).toEqual(
      [first.body.roomId, second.body.roomId].sort(),
    );
    const starts = rooms.map((room) => room.createdAt).sort();
    expect(contact).toMatchObject({
      email: `${local}@example.test`,
      name: 'Mia',
      nameSetBy: null,
      firstSeenAt: starts[0],
      lastSeenAt: starts[1],
    });
    expect(contact.addresses.map((address) => address.ip).sort()).toEqual([
      '198.51.100.20',
      '203.0.113.10',
    ]);
    expect(contact.browsers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Chrome', os: 'Linux', device: 'desktop' }),
        expect.objectContaining({ name: 'Firefox', version: '128.0', os: 'Windows 10' }),
      ]),
    );
    expect(contact.browsers).toHaveLength(2);

    // The inbox opens the profile from the room.
    const byRoom = await http()
      .get('/api/chat/contacts')
      .query({ roomId: first.body.roomId })
      .set(as(admin))
      .expect(200);
    expect(byRoom.body.id).toBe(contact.id);

    // A later visit from a known browser moves the last sighting and takes the new name.
    const third = await fixture
      .openSession(
        chatbot,
        { name: 'Mia Rossi', email: `${local}@example.test` },
        { ip: '203.0.113.10', userAgent: CHROME },
      )
      .expect(201);
    const after = await eventually(async () => {
      const found = (
        await http().get(`/api/chat/contacts/${contact.id}`).set(as(admin)).expect(200)
      ).body as ContactProfile;
      expect(found.name).toBe('Mia Rossi');
      return found;
    });
    const thirdRoom = (
      await http().get(`/api/chat/rooms/${third.body.roomId}`).set(as(admin)).expect(200)
    ).body;
    expect(after.lastSeenAt).toBe(thirdRoom.createdAt);
    expect(after.firstSeenAt).toBe(contact.firstSeenAt);
    expect(after.browsers).toHaveLength(2);
    expect(after.browsers[0]).toMatchObject({ name: 'Chrome', lastSeenAt: thirdRoom.createdAt });
    expect(after.addresses[0]).toEqual({ ip: '203.0.113.10', lastSeenAt: thirdRoom.createdAt });
  });

  it('lets agents rename a contact and keep notes about them, refusing bad input by field', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.activeAgent(admin, { name: 'Ana Agent' });
    const email = `leo.${uniqueSuffix()}@example.test`;
    await fixture.openSession(chatbot, { name: 'Leo', email }).expect(201);
    const contact = await contactOf(admin, email);

    const renamed = await http()
      .patch(`/api/chat/contacts/${contact.id}`)
      .set(as(agent))
      .send({ name: '  Leo Martin (VIP)  ' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Leo Martin (VIP)',
      nameSetBy: { id: agent.user.id, name: 'Ana Agent' },
    });
    const updated = await probe.waitFor(
      (message) =>
        message.topic === ContactUpdatedV1.topic &&
        JSON.parse(message.value).payload.contactId === contact.id,
    );
    expect(JSON.parse(updated.value).payload).toMatchObject({
      email,
      name: 'Leo Martin (VIP)',
      updatedBy: agent.user.id,
    });

    for (const body of [{ name: '   ' }, { name: 'x'.repeat(121) }, {}]) {
      const refused = await http()
        .patch(`/api/chat/contacts/${contact.id}`)
        .set(as(agent))
        .send(body)
        .expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }

    // The visitor comes back under another name: the agent's name stands.
    const back = await fixture.openSession(chatbot, { name: 'L.', email }).expect(201);
    await eventually(async () => {
      const found = (
        await http().get(`/api/chat/contacts/${contact.id}`).set(as(agent)).expect(200)
      ).body as ContactProfile;
      const room = (
        await http().get(`/api/chat/rooms/${back.body.roomId}`).set(as(agent)).expect(200)
      ).body;
      expect(found.lastSeenAt).toBe(room.createdAt);
      expect(found.name).toBe('Leo Martin (VIP)');
    });

    await http()
      .post(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(agent))
      .send({ body: 'Prefers to be answered by email' })
      .expect(201);
    await http()
      .post(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(admin))
      .send({ body: 'Refund approved in October' })
      .expect(201);
    const empty = await http()
      .post(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(agent))
      .send({ body: '  ' })
      .expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    const notes = await http()
      .get(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(agent))
      .expect(200);
    expect(notes.body.notes).toEqual([
      expect.objectContaining({
        body: 'Prefers to be answered by email',
        author: { id: agent.user.id, name: 'Ana Agent' },
        createdAt: expect.any(String),
      }),
      expect.objectContaining({ body: 'Refund approved in October' }),
    ]);

    const lookup = await http().get('/api/chat/contacts').set(as(agent)).expect(400);
    expect(lookup.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const badEmail = await http()
      .get('/api/chat/contacts')
      .query({ email: 'not-an-email' })
      .set(as(agent))
      .expect(400);
    expect(badEmail.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('answers 404 for another tenant’s contact, whatever is asked', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const email = `iris.${uniqueSuffix()}@example.test`;
    const { roomId } = (await fixture.openSession(chatbot, { email }).expect(201)).body;
    const contact = await contactOf(admin, email);
    const other = (await fixture.tenantWithChatbot()).admin;

    await http().get(`/api/chat/contacts/${contact.id}`).set(as(other)).expect(404);
    await http().get('/api/chat/contacts').query({ email }).set(as(other)).expect(404);
    await http().get('/api/chat/contacts').query({ roomId }).set(as(other)).expect(404);
    await http()
      .patch(`/api/chat/contacts/${contact.id}`)
      .set(as(other))
      .send({ name: 'Hijacked' })
      .expect(404);
    await http().get(`/api/chat/contacts/${contact.id}/conversations`).set(as(other)).expect(404);
    await http().get(`/api/chat/contacts/${contact.id}/notes`).set(as(other)).expect(404);
    await http()
      .post(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(other))
      .send({ body: 'from elsewhere' })
      .expect(404);
    await http().get(`/api/chat/contacts/${contact.id}/export`).set(as(other)).expect(404);
    await http().delete(`/api/chat/contacts/${contact.id}`).set(as(other)).expect(404);

    const still = await http().get(`/api/chat/contacts/${contact.id}`).set(as(admin)).expect(200);
    expect(still.body.name).toBe(contact.name);
    expect(
      await fixture.chat.db.collection('contact_notes').countDocuments({ contactId: contact.id }),
    ).toBe(0);
  });

  it('exports everything about a contact and erases it all, for holders of the permissions only', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const email = `zoe.${uniqueSuffix()}@example.test`;
    // A closed conversation with messages, a note and a file.
    const closed = (await fixture.openSession(chatbot, { name: 'Zoe', email }).expect(201)).body;
    const agentSocket = await fixture.agent(admin.accessToken);
    await agentSocket.emitWithAck('room:join', { roomId: closed.roomId });
    const visitor = await fixture.visitor(closed.visitorToken);
    await visitor.emitWithAck('message:send', { clientMessageId: 'z1', body: 'My order is late' });
    await agentSocket.emitWithAck('message:send', {
      roomId: closed.roomId,
      clientMessageId: 'a1',
      body: 'Sorry, checking now',
    });
    const upload = await uploadToRoom(fixture.chat.url, closed.roomId, closed.visitorToken, {
      body: await files.png(),
      name: 'receipt.png',
      type: 'image/png',
    }).expect(201);
    await http()
      .post(`/api/chat/rooms/${closed.roomId}/notes`)
      .set(as(admin))
      .send({ body: 'Courier lost the parcel' })
      .expect(201);
    await agentSocket.emitWithAck('room:close', { roomId: closed.roomId, reason: 'resolved' });
    visitor.disconnect();
    // An open one, its visitor connected.
    const open = (await fixture.openSession(chatbot, { name: 'Zoe', email }).expect(201)).body;
    const openVisitor = await fixture.visitor(open.visitorToken);
    const cutOff = new Promise<void>((resolve) => openVisitor.on('disconnect', () => resolve()));
    // Someone else's conversation, which stays.
    const neighbour = (await fixture.openSession(chatbot).expect(201)).body;

    const contact = await contactOf(
      admin,
      email,
      (found) => found.lastSeenAt !== found.firstSeenAt,
    );
    await http()
      .post(`/api/chat/contacts/${contact.id}/notes`)
      .set(as(admin))
      .send({ body: 'Asked for all their data' })
      .expect(201);
    const tenantFiles = await store.keys(`${admin.tenant.id}/`);
    expect(tenantFiles.length).toBeGreaterThan(0);

    // An agent without the permissions may do neither.
    const plainAgent = await fixture.activeAgent(admin);
    await http().get(`/api/chat/contacts/${contact.id}/export`).set(as(plainAgent)).expect(403);
    await http().delete(`/api/chat/contacts/${contact.id}`).set(as(plainAgent)).expect(403);

    const exported = await http()
      .get(`/api/chat/contacts/${contact.id}/export`)
      .set(as(admin))
      .expect(200)
      .expect('Content-Disposition', /attachment/);
    const data = exported.body as ContactExport;
    expect(data.contact).toMatchObject({ id: contact.id, email, name: 'Zoe' });
    expect(data.notes.map((note) => note.body)).toEqual(['Asked for all their data']);
    expect(data.conversations.map((c) => c.room.roomId).sort()).toEqual(
      [closed.roomId, open.roomId].sort(),
    );
    const first = data.conversations.find((c) => c.room.roomId === closed.roomId)!;
    expect(first.room.visitor).toMatchObject({ email, ip: '203.0.113.7' });
    expect(first.messages.map((message) => message.body)).toEqual(
      expect.arrayContaining(['My order is late', 'Sorry, checking now']),
    );
    expect(first.notes.map((note) => note.body)).toEqual(['Courier lost the parcel']);
    expect(first.attachments).toEqual([
      expect.objectContaining({
        id: upload.body.id,
        name: 'receipt.png',
        contentType: 'image/png',
        url: expect.stringContaining(upload.body.id),
      }),
    ]);
    // The link works.
    await http().get(first.attachments[0].url).expect(200);
    expect(JSON.stringify(data)).not.toContain(neighbour.roomId);

    await http().delete(`/api/chat/contacts/${contact.id}`).set(as(admin)).expect(204);

    await cutOff;
    await http().get(`/api/chat/contacts/${contact.id}`).set(as(admin)).expect(404);
    await http().get('/api/chat/contacts').query({ email }).set(as(admin)).expect(404);
    for (const roomId of [closed.roomId, open.roomId])
      await http().get(`/api/chat/rooms/${roomId}`).set(as(admin)).expect(404);
    const db = fixture.chat.db;
    const erasedRooms = { roomId: { $in: [closed.roomId, open.roomId] } };
    expect(await db.collection('messages').countDocuments(erasedRooms)).toBe(0);
    expect(await db.collection('notes').countDocuments(erasedRooms)).toBe(0);
    expect(await db.collection('attachments').countDocuments(erasedRooms)).toBe(0);
    expect(await db.collection('contact_notes').countDocuments({ contactId: contact.id })).toBe(0);
    expect(await db.collection('rooms').countDocuments({ 'visitor.email': email })).toBe(0);
    expect(await store.keys(`${admin.tenant.id}/`)).toEqual([]);
    await http().get(`/api/chat/rooms/${neighbour.roomId}`).set(as(admin)).expect(200);

    for (const roomId of [closed.roomId, open.roomId]) {
      await probe.waitFor(
        (message) =>
          message.topic === ChatroomDeletedV1.topic &&
          JSON.parse(message.value).payload.roomId === roomId,
      );
    }
    const erased = await probe.waitFor(
      (message) =>
        message.topic === ContactErasedV1.topic &&
        JSON.parse(message.value).payload.contactId === contact.id,
    );
    const payload = JSON.parse(erased.value).payload;
    expect(payload).toMatchObject({ email, erasedBy: admin.user.id });
    expect(payload.roomIds.sort()).toEqual([closed.roomId, open.roomId].sort());
  });
});
