import { ChatroomDeletedV1, type ChatMessage, NotificationRequestedV1 } from '@app/contracts';
import {
  bearer,
  eventually,
  type SignedIn,
  startNginx,
  type TestChatbot,
  TopicProbe,
} from '@app/testing';
import { forTenant } from '@app/tenancy';
import sharp from 'sharp';
import request from 'supertest';
import { AttachmentLinks } from '../src/attachments/attachment-links';
import { AttachmentsService } from '../src/attachments/attachments.service';
import { PendingUploadsSweep } from '../src/attachments/pending-uploads.sweep';
import { ChatFixture, type ChatSocket, Inbox } from './chat-fixture';
import { download, files, StoreProbe, uploadPending, uploadToRoom } from './attachments-fixture';

interface Conversation {
  admin: SignedIn;
  chatbot: TestChatbot;
  roomId: string;
  visitorToken: string;
  visitor: ChatSocket;
  agent: ChatSocket;
  agentInbox: Inbox;
  visitorInbox: Inbox;
}

describe('files in a conversation', () => {
  let fixture: ChatFixture;
  let store: StoreProbe;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    store = new StoreProbe(fixture.chat.config);
    probe = await TopicProbe.start([ChatroomDeletedV1.topic, NotificationRequestedV1.topic]);
  });

  afterAll(async () => {
    store?.close();
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  /** A visitor in a room an agent (the tenant's admin) has joined, both connected. */
  async function conversation(tenant?: {
    admin: SignedIn;
    chatbot: TestChatbot;
  }): Promise<Conversation> {
    const { admin, chatbot } = tenant ?? (await fixture.tenantWithChatbot());
    const session = await fixture.openSession(chatbot).expect(201);
    const { roomId, visitorToken } = session.body;
    const agent = await fixture.agent(admin.accessToken);
    const visitor = await fixture.visitor(visitorToken);
    const agentInbox = new Inbox(agent);
    const visitorInbox = new Inbox(visitor);
    expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
      room: { status: 'active' },
    });
    return { admin, chatbot, roomId, visitorToken, visitor, agent, agentInbox, visitorInbox };
  }

  const storedOf = (tenantId: string) =>
    fixture.chat.db.collection('attachments').countDocuments({ tenantId });

  it('lets a visitor send an image that the agent sees inline, with a thumbnail', async () => {
    const chat = await conversation();
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: await files.png(640, 480),
      name: 'screenshot.png',
      type: 'image/png',
    }).expect(201);
    expect(upload.body).toEqual({
      id: expect.any(String),
      name: 'screenshot.png',
      size: expect.any(Number),
      contentType: 'image/png',
      url: expect.stringMatching(/^\/api\/chat\/attachments\/.+\/content\?/),
    });

    const sent = await chat.visitor.emitWithAck('message:send', {
      clientMessageId: 'v-image',
      attachmentIds: [upload.body.id],
    });
    expect(sent).toMatchObject({ seq: expect.any(Number) });
    const received = await chat.agentInbox.waitForMessage(
      (message) => message.clientMessageId === 'v-image',
    );
    expect(received).toMatchObject({
      body: '',
      attachments: [
        {
          id: upload.body.id,
          name: 'screenshot.png',
          contentType: 'image/png',
          width: 640,
          height: 480,
          url: expect.any(String),
          thumbnailUrl: expect.any(String),
        },
      ],
    });
    const [file] = received.attachments!;

    const image = await download(fixture.chat.url, file.url).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; filename="screenshot.png"/);
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(await sharp(image.body as Buffer).metadata()).toMatchObject({ width: 640, height: 480 });

    const thumbnail = await download(fixture.chat.url, file.thumbnailUrl!).expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const small = await sharp(thumbnail.body as Buffer).metadata();
    expect(small).toMatchObject({ format: 'webp', width: 320, height: 240 });

    // History hands out the same file with links of its own, to the visitor as to agents.
    const history = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${chat.roomId}/messages?after=0`)
      .set(bearer(chat.visitorToken))
      .expect(200);
    const inHistory = history.body.messages.find(
      (message: ChatMessage) => message.clientMessageId === 'v-image',
    );
    expect(inHistory.attachments[0]).toMatchObject({ id: file.id, url: expect.any(String) });
    await download(fixture.chat.url, inHistory.attachments[0].url).expect(200);

    // Both objects are in the store under the tenant.
    expect(await store.keys(`${chat.admin.tenant.id}/`)).toEqual(
      [`${chat.admin.tenant.id}/${file.id}`, `${chat.admin.tenant.id}/${file.id}.thumbnail`].sort(),
    );
  });

  it('lets an agent send a PDF that the visitor downloads as a file, never shown as a page', async () => {
    const chat = await conversation();
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.admin.accessToken, {
      body: files.pdf(),
      name: 'Facture 42 — été.pdf',
      type: 'application/pdf',
    }).expect(201);
    expect(upload.body).toMatchObject({
      contentType: 'application/pdf',
      name: 'Facture 42 — été.pdf',
    });

    await chat.agent.emitWithAck('message:send', {
      roomId: chat.roomId,
      clientMessageId: 'a-pdf',
      body: 'Here is your invoice',
      attachmentIds: [upload.body.id],
    });
    const received = await chat.visitorInbox.waitForMessage(
      (message) => message.clientMessageId === 'a-pdf',
    );
    expect(received.attachments).toEqual([
      {
        id: upload.body.id,
        name: 'Facture 42 — été.pdf',
        size: files.pdf().length,
        contentType: 'application/pdf',
        url: expect.any(String),
      },
    ]);
    const pdf = await download(fixture.chat.url, received.attachments![0].url).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="Facture 42 _ _t_.pdf"; filename*=UTF-8''${encodeURIComponent('Facture 42 — été.pdf')}`,
    );
    expect(pdf.headers['content-security-policy']).toContain('sandbox');
    expect((pdf.body as Buffer).equals(files.pdf())).toBe(true);
  });

  it('reads the type from the bytes: a PNG named and declared a PDF is stored as a PNG', async () => {
    const chat = await conversation();
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: await files.png(64, 64),
      name: 'contract.pdf',
      type: 'application/pdf',
    }).expect(201);
    expect(upload.body).toMatchObject({ contentType: 'image/png', name: 'contract.png' });
    const stored = await download(fixture.chat.url, upload.body.url).expect(200);
    expect(stored.headers['content-type']).toBe('image/png');
  });

  it('refuses a program or a web page named as an image with 415, and stores nothing', async () => {
    const chat = await conversation();
    for (const forged of [files.exe(), files.html()]) {
      const refused = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
        body: forged,
        name: 'kitten.png',
        type: 'image/png',
      }).expect(415);
      expect(refused.body).toMatchObject({ code: 'unsupported_file_type' });
    }
    expect(await storedOf(chat.admin.tenant.id)).toBe(0);
    expect(await store.keys(`${chat.admin.tenant.id}/`)).toEqual([]);
  });

  it('refuses a file over the size limit with 413, and stores nothing', async () => {
    const chat = await conversation();
    const limit = fixture.chat.config.ATTACHMENT_MAX_BYTES;
    const tooLarge = Buffer.concat([await files.png(16, 16), Buffer.alloc(limit)]);
    const refused = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: tooLarge,
      name: 'huge.png',
      type: 'image/png',
    }).expect(413);
    expect(refused.body).toMatchObject({ code: 'file_too_large' });
    expect(await storedOf(chat.admin.tenant.id)).toBe(0);
    expect(await store.keys(`${chat.admin.tenant.id}/`)).toEqual([]);
  });

  it('strips EXIF and the GPS position from a photo, keeping the picture', async () => {
    const chat = await conversation();
    const photo = await files.jpegWithGps();
    const original = await sharp(photo).metadata();
    expect(original.exif?.toString('latin1')).toContain('Vera Visitor');

    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: photo,
      name: 'IMG_0001.JPG',
      type: 'image/jpeg',
    }).expect(201);
    expect(upload.body).toMatchObject({ contentType: 'image/jpeg', name: 'IMG_0001.jpg' });
    const stored = await download(fixture.chat.url, upload.body.url).expect(200);
    const cleaned = await sharp(stored.body as Buffer).metadata();
    expect(cleaned).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect(cleaned.exif).toBeUndefined();
    expect((stored.body as Buffer).includes(Buffer.from('Vera Visitor'))).toBe(false);
  });

  it('keeps tenants apart: no upload to, nor link for, another tenant’s room or file (404)', async () => {
    const chat = await conversation();
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: await files.png(32, 32),
      name: 'mine.png',
      type: 'image/png',
    }).expect(201);

    const other = await fixture.tenantWithChatbot();
    await uploadToRoom(fixture.chat.url, chat.roomId, other.admin.accessToken, {
      body: await files.png(32, 32),
      name: 'theirs.png',
      type: 'image/png',
    }).expect(404);
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${chat.roomId}/attachments/${upload.body.id}`)
      .set(bearer(other.admin.accessToken))
      .expect(404);

    // Another room's visitor, even of the same tenant, finds neither the room nor the file.
    const neighbour = await fixture.openSession(chat.chatbot).expect(201);
    await uploadToRoom(fixture.chat.url, chat.roomId, neighbour.body.visitorToken, {
      body: await files.png(32, 32),
      name: 'x.png',
      type: 'image/png',
    }).expect(404);
    await request(fixture.chat.url)
      .get(`/api/chat/rooms/${chat.roomId}/attachments/${upload.body.id}`)
      .set(bearer(neighbour.body.visitorToken))
      .expect(404);

    // The tenant's own agents get fresh links.
    const fresh = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${chat.roomId}/attachments/${upload.body.id}`)
      .set(bearer(chat.admin.accessToken))
      .expect(200);
    expect(fresh.body).toMatchObject({ id: upload.body.id, url: expect.any(String) });

    // A genuine link naming another tenant finds nothing there.
    const links = fixture.chat.app.get(AttachmentLinks);
    await download(
      fixture.chat.url,
      links.link(other.admin.tenant.id, upload.body.id, 'content'),
    ).expect(404);
  });

  it('refuses download links that expired, were forged, or were made for another file', async () => {
    const chat = await conversation();
    const [first, second] = await Promise.all(
      ['one.png', 'two.png'].map(
        async (name) =>
          (
            await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
              body: await files.png(24, 24),
              name,
              type: 'image/png',
            }).expect(201)
          ).body,
      ),
    );
    const links = fixture.chat.app.get(AttachmentLinks);
    const tenantId = chat.admin.tenant.id;

    const expired = links.link(tenantId, first.id, 'content', -1);
    expect((await download(fixture.chat.url, expired).expect(403)).body).toBeDefined();

    const forged = new URL(first.url, 'http://x');
    forged.searchParams.set('signature', 'A'.repeat(43));
    await download(fixture.chat.url, `${forged.pathname}${forged.search}`).expect(403);

    const later = new URL(first.url, 'http://x');
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 86_400));
    await download(fixture.chat.url, `${later.pathname}${later.search}`).expect(403);

    const swapped = first.url.replace(first.id, second.id);
    await download(fixture.chat.url, swapped).expect(403);

    await download(fixture.chat.url, first.url).expect(200);
  });

  it('sends a file once, and only its uploader in its room can send it', async () => {
    const chat = await conversation();
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: await files.png(24, 24),
      name: 'once.png',
      type: 'image/png',
    }).expect(201);

    const byAgent = await chat.agent.emitWithAck('message:send', {
      roomId: chat.roomId,
      clientMessageId: 'a-steal',
      attachmentIds: [upload.body.id],
    });
    expect(byAgent).toMatchObject({
      error: { message: expect.stringContaining('attachmentIds') },
    });

    const first = await chat.visitor.emitWithAck('message:send', {
      clientMessageId: 'v-once',
      attachmentIds: [upload.body.id],
    });
    // A resend of the same message is the same message, files and all.
    const resent = await chat.visitor.emitWithAck('message:send', {
      clientMessageId: 'v-once',
      attachmentIds: [upload.body.id],
    });
    expect(resent).toEqual(first);
    const again = await chat.visitor.emitWithAck('message:send', {
      clientMessageId: 'v-twice',
      attachmentIds: [upload.body.id],
    });
    expect(again).toMatchObject({ error: { message: expect.stringContaining('sent already') } });

    const unknown = await chat.visitor.emitWithAck('message:send', {
      clientMessageId: 'v-unknown',
      attachmentIds: ['no-such-file'],
    });
    expect(unknown).toMatchObject({ error: { message: expect.stringContaining('no-such-file') } });
    const empty = await chat.visitor.emitWithAck('message:send', { clientMessageId: 'v-empty' });
    expect(empty).toMatchObject({ error: { message: expect.stringContaining('empty message') } });
  });

  it('accepts only the types a workspace chose', async () => {
    const chat = await conversation();
    await fixture.directory.updateSettings(chat.admin.tenant.id, {
      attachmentTypes: ['application/pdf'],
    });
    await eventually(async () => {
      const refused = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
        body: await files.png(24, 24),
        name: 'photo.png',
        type: 'image/png',
      });
      expect(refused.status).toBe(415);
    });
    await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
      body: files.pdf(),
      name: 'form.pdf',
      type: 'application/pdf',
    }).expect(201);
  });

  it('lets uploads through nginx to chat, which answers an oversized one in JSON, as nginx does beyond', async () => {
    const nginx = await startNginx({
      tenant: fixture.tokens.url,
      chat: fixture.chats.map((chat) => chat.url),
    });
    try {
      const chat = await conversation();
      const through = await uploadToRoom(nginx.url, chat.roomId, chat.visitorToken, {
        body: files.pdf(),
        name: 'via-nginx.pdf',
        type: 'application/pdf',
      }).expect(201);
      const file = await download(nginx.url, through.body.url).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);

      const limit = fixture.chat.config.ATTACHMENT_MAX_BYTES;
      for (const size of [limit + 1024, 26 * 1024 * 1024]) {
        const refused = await uploadToRoom(nginx.url, chat.roomId, chat.visitorToken, {
          body: Buffer.alloc(size, 0x41),
          name: 'big.txt',
          type: 'text/plain',
        }).expect(413);
        expect(refused.headers['content-type']).toMatch(/^application\/json/);
        expect(refused.body).toMatchObject({ code: 'file_too_large' });
      }
    } finally {
      await nginx.stop();
    }
  });

  describe('uploads before the conversation (a journey’s image question)', () => {
    it('waits for the new room of its chatbot, which claims it once', async () => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const pending = await uploadPending(fixture.chat.url, chatbot, {
        body: await files.png(100, 50),
        name: 'damage.png',
        type: 'image/png',
      }).expect(201);
      expect(pending.body).toEqual({
        id: expect.any(String),
        name: 'damage.png',
        size: expect.any(Number),
        contentType: 'image/png',
      });

      const session = await fixture.openSession(chatbot).expect(201);
      const attachments = fixture.chat.app.get(AttachmentsService);
      const room = { id: session.body.roomId, chatbotId: chatbot.id, visitor: { id: 'v-1' } };
      const claimed = await forTenant(admin.tenant.id, 'test', () =>
        attachments.claimForRoom([pending.body.id], room, 'answers.photo'),
      );
      expect(claimed).toEqual([
        expect.objectContaining({
          id: pending.body.id,
          width: 100,
          height: 50,
          url: expect.any(String),
        }),
      ]);
      await download(fixture.chat.url, claimed[0].url).expect(200);

      // Twice, or by another room: refused, naming the answer.
      await expect(
        forTenant(admin.tenant.id, 'test', () =>
          attachments.claimForRoom([pending.body.id], room, 'answers.photo'),
        ),
      ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('answers.photo') });
    });

    it('is refused to another chatbot’s room, and to another tenant', async () => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const otherChatbot = await fixture.directory.chatbot(admin.tenant.id, {
        allowedOrigins: ['https://shop.example'],
      });
      const pending = await uploadPending(fixture.chat.url, chatbot, {
        body: await files.png(20, 20),
        name: 'a.png',
        type: 'image/png',
      }).expect(201);
      const attachments = fixture.chat.app.get(AttachmentsService);
      await expect(
        forTenant(admin.tenant.id, 'test', () =>
          attachments.claimForRoom(
            [pending.body.id],
            { id: 'room-x', chatbotId: otherChatbot.id, visitor: { id: 'v' } },
            'answers.photo',
          ),
        ),
      ).rejects.toMatchObject({ status: 400 });
      const other = await fixture.tenantWithChatbot();
      await expect(
        forTenant(other.admin.tenant.id, 'test', () =>
          attachments.claimForRoom(
            [pending.body.id],
            { id: 'room-y', chatbotId: chatbot.id, visitor: { id: 'v' } },
            'answers.photo',
          ),
        ),
      ).rejects.toMatchObject({ status: 400 });
    });

    it('is refused with a wrong key, and checked like any upload', async () => {
      const { chatbot } = await fixture.tenantWithChatbot();
      await uploadPending(
        fixture.chat.url,
        { ...chatbot, apiKey: 'pk_wrong_key_123456' },
        {
          body: await files.png(20, 20),
          name: 'a.png',
          type: 'image/png',
        },
      ).expect(401);
      await uploadPending(fixture.chat.url, chatbot, {
        body: files.html(),
        name: 'a.png',
        type: 'image/png',
      }).expect(415);
    });

    it('is deleted, file and all, once it expires unclaimed', async () => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const pending = await uploadPending(fixture.chat.url, chatbot, {
        body: await files.png(20, 20),
        name: 'late.png',
        type: 'image/png',
      }).expect(201);
      const key = `${admin.tenant.id}/${pending.body.id}`;
      expect(await store.exists(key)).toBe(true);

      await fixture.chat.db
        .collection('attachments')
        .updateOne({ _id: pending.body.id } as object, {
          $set: { expiresAt: new Date(Date.now() - 1000) },
        });
      const attachments = fixture.chat.app.get(AttachmentsService);
      await expect(
        forTenant(admin.tenant.id, 'test', () =>
          attachments.checkPending([pending.body.id], chatbot.id, 'answers.photo'),
        ),
      ).rejects.toMatchObject({ status: 400 });

      await fixture.chat.app.get(PendingUploadsSweep).sweep();
      expect(await store.exists(key)).toBe(false);
      expect(await store.exists(`${key}.thumbnail`)).toBe(false);
      expect(await storedOf(admin.tenant.id)).toBe(0);
    });
  });

  it('names the file in the email to a visitor who is away when the agent sends one', async () => {
    const chat = await conversation();
    chat.visitor.disconnect();
    await chat.agentInbox.waitForUpdate(
      (update) => update.roomId === chat.roomId && update.visitorAway === true,
    );
    const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.admin.accessToken, {
      body: files.pdf(),
      name: 'label.pdf',
      type: 'application/pdf',
    }).expect(201);
    await chat.agent.emitWithAck('message:send', {
      roomId: chat.roomId,
      clientMessageId: 'a-away',
      body: 'Your return label',
      attachmentIds: [upload.body.id],
    });
    const mail = await probe.waitFor(
      (message) =>
        message.topic === NotificationRequestedV1.topic &&
        message.key === chat.admin.tenant.id &&
        JSON.parse(message.value).payload.kind === 'agent-reply',
    );
    expect(JSON.parse(mail.value).payload.reply).toBe('Your return label\n[label.pdf]');
  });

  describe('the end of a conversation', () => {
    it('links the files in the visitor’s transcript', async () => {
      const chat = await conversation();
      const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.admin.accessToken, {
        body: files.pdf(),
        name: 'receipt.pdf',
        type: 'application/pdf',
      }).expect(201);
      await chat.agent.emitWithAck('message:send', {
        roomId: chat.roomId,
        clientMessageId: 'a-receipt',
        body: 'Your receipt',
        attachmentIds: [upload.body.id],
      });
      await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });
      const linesOf = (value: string) =>
        (JSON.parse(value).payload.lines ?? []) as { body: string; files?: unknown }[];
      const transcript = await probe.waitFor(
        (message) =>
          message.topic === NotificationRequestedV1.topic &&
          message.key === chat.admin.tenant.id &&
          linesOf(message.value).some((entry) => entry.body === 'Your receipt'),
      );
      const line = linesOf(transcript.value).find((entry) => entry.body === 'Your receipt')!;
      expect(line.files).toEqual([
        { name: 'receipt.pdf', size: files.pdf().length, url: { sealed: expect.any(String) } },
      ]);
    });

    it('deletes a closed conversation with its messages and its files, from the store too', async () => {
      const chat = await conversation();
      const upload = await uploadToRoom(fixture.chat.url, chat.roomId, chat.visitorToken, {
        body: await files.png(48, 48),
        name: 'gone.png',
        type: 'image/png',
      }).expect(201);
      await chat.visitor.emitWithAck('message:send', {
        clientMessageId: 'v-gone',
        attachmentIds: [upload.body.id],
      });
      const tenantId = chat.admin.tenant.id;
      expect(await store.keys(`${tenantId}/`)).toHaveLength(2);

      // Open: refused. An agent without `chats:delete`: refused.
      await request(fixture.chat.url)
        .delete(`/api/chat/rooms/${chat.roomId}`)
        .set(bearer(chat.admin.accessToken))
        .expect(409);
      await chat.agent.emitWithAck('room:close', { roomId: chat.roomId, reason: 'resolved' });
      const agent = await fixture.directory.agent(chat.admin);
      await request(fixture.chat.url)
        .delete(`/api/chat/rooms/${chat.roomId}`)
        .set(bearer(agent.accessToken))
        .expect(403);

      await request(fixture.chat.url)
        .delete(`/api/chat/rooms/${chat.roomId}`)
        .set(bearer(chat.admin.accessToken))
        .expect(204);
      expect(await store.keys(`${tenantId}/`)).toEqual([]);
      expect(await storedOf(tenantId)).toBe(0);
      expect(
        await fixture.chat.db.collection('messages').countDocuments({ roomId: chat.roomId }),
      ).toBe(0);
      await request(fixture.chat.url)
        .get(`/api/chat/rooms/${chat.roomId}`)
        .set(bearer(chat.admin.accessToken))
        .expect(404);
      await download(fixture.chat.url, upload.body.url).expect(404);
      const deleted = await probe.waitFor(
        (message) => message.topic === ChatroomDeletedV1.topic && message.key === chat.roomId,
      );
      expect(JSON.parse(deleted.value).payload).toMatchObject({
        roomId: chat.roomId,
        deletedBy: chat.admin.user.id,
        attachments: 1,
      });
    });
  });
});

describe('files while the object store is down, and upload limits', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    // Nothing listens on port 9: the store is as good as down, for this service only. Uploads
    // are counted before they are stored, so the limit shows without a store.
    fixture = await ChatFixture.start({
      overrides: { S3_ENDPOINT: 'http://127.0.0.1:9', ATTACHMENT_UPLOADS_PER_MINUTE: '3' },
    });
  });

  afterAll(() => fixture?.close());

  it('answers uploads with 503 while messages still go through, and says so in /health', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const session = await fixture.openSession(chatbot).expect(201);
    const { roomId, visitorToken } = session.body;
    const agent = await fixture.agent(admin.accessToken);
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId });
    const visitor = await fixture.visitor(visitorToken);

    const refused = await uploadToRoom(fixture.chat.url, roomId, visitorToken, {
      body: await files.png(24, 24),
      name: 'a.png',
      type: 'image/png',
    }).expect(503);
    expect(refused.body).toMatchObject({ code: 'storage_unavailable' });
    expect(await fixture.chat.db.collection('attachments').countDocuments({})).toBe(0);

    await visitor.emitWithAck('message:send', { clientMessageId: 'v-text', body: 'Still here' });
    await agentInbox.waitForMessage((message) => message.body === 'Still here');

    const health = await request(fixture.chat.url).get('/api/chat/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      checks: { storage: { status: 'down', critical: false } },
    });
  });

  it('limits uploads per visitor room and per widget address, with 429 and Retry-After', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const upload = () =>
      uploadToRoom(fixture.chat.url, roomId, visitorToken, {
        body: files.pdf(),
        name: 'a.pdf',
        type: 'application/pdf',
      });
    for (let attempt = 0; attempt < 3; attempt += 1) await upload().expect(503);
    const limited = await upload().expect(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const pending = () =>
      uploadPending(fixture.chat.url, chatbot, {
        body: files.pdf(),
        name: 'a.pdf',
        type: 'application/pdf',
      });
    for (let attempt = 0; attempt < 3; attempt += 1) await pending().expect(503);
    const refused = await pending().expect(429);
    expect(refused.body).toMatchObject({ code: 'widget_rate_limited' });
  });
});
