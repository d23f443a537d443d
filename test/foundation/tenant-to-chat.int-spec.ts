import { bearer, eventually, startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { type ChatSocket, connectSocket, SITE } from '../../apps/chat/test/chat-fixture';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { TenantFixture } from '../../apps/tenant/test/tenant-fixture';

/**
 * Chat's own tests play the tenant service with a test issuer and events they publish; this one
 * holds the real pair together: tokens the tenant service signs, keys it hashes and the events
 * it publishes are what chat accepts.
 */
describe('what the tenant service decides takes effect in chat', () => {
  let tenant: TenantFixture;
  let chat: TestService<unknown>;
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    chat = await startTestService(chatService, {
      JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json`,
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([chat?.close(), tenant?.close()]);
  });

  const connectAgent = async (accessToken: string) => {
    const socket = await connectSocket(chat.url, 'agent', { token: accessToken });
    sockets.push(socket);
    return socket;
  };

  it('opens a widget session with a chatbot’s key, and cuts off an agent deactivated in tenant', async () => {
    const admin = await tenant.signup();
    const chatbot = await tenant
      .http()
      .post('/api/tenant/chatbots')
      .set(bearer(admin.accessToken))
      .send({ name: 'Help', allowedOrigins: [SITE] })
      .expect(201);
    const session = await eventually(() =>
      request(chat.url)
        .post('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .send({
          tenantId: admin.tenant.id,
          chatbotId: chatbot.body.id,
          apiKey: chatbot.body.apiKey,
          name: 'Vera Visitor',
          email: 'vera@example.test',
        })
        .expect(201),
    );
    await request(chat.url)
      .get(`/api/chat/rooms/${session.body.roomId}`)
      .set(bearer(admin.accessToken))
      .expect(200);

    const { signedIn, invited } = await tenant.inviteAgent(admin);
    const agent = await connectAgent(signedIn.accessToken);
    const disconnected = new Promise((resolve) => agent.once('disconnect', resolve));
    await tenant
      .http()
      .patch(`/api/tenant/agents/${invited.id}`)
      .set(bearer(admin.accessToken))
      .send({ status: 'deactivated' })
      .expect(200);

    await disconnected;
    await expect(connectAgent(signedIn.accessToken)).rejects.toThrow('unauthorized');
  });

  it('routes a room by a category to the team made in tenant, seen by its member only', async () => {
    const admin = await tenant.signup();
    const as = (token: string) => bearer(token);
    const chatbot = await tenant
      .http()
      .post('/api/tenant/chatbots')
      .set(as(admin.accessToken))
      .send({ name: 'Help', allowedOrigins: [SITE] })
      .expect(201);
    const member = await tenant.inviteAgent(admin);
    const outsider = await tenant.inviteAgent(admin);
    const billing = await tenant
      .http()
      .post('/api/tenant/categories')
      .set(as(admin.accessToken))
      .send({ name: 'Billing' })
      .expect(201);
    const team = await tenant
      .http()
      .post('/api/tenant/teams')
      .set(as(admin.accessToken))
      .send({
        name: 'Billing team',
        memberIds: [member.invited.id],
        categoryIds: [billing.body.id],
      })
      .expect(201);
    const session = await eventually(() =>
      request(chat.url)
        .post('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .send({
          tenantId: admin.tenant.id,
          chatbotId: chatbot.body.id,
          apiKey: chatbot.body.apiKey,
          name: 'Vera Visitor',
          email: 'vera@example.test',
        })
        .expect(201),
    );
    const roomId = session.body.roomId as string;
    await eventually(async () => {
      const labelled = await request(chat.url)
        .patch(`/api/chat/rooms/${roomId}`)
        .set(as(admin.accessToken))
        .send({ category: billing.body.id })
        .expect(200);
      expect(labelled.body.teamId).toBe(team.body.id);
    });
    const queued = async (token: string) =>
      (
        await request(chat.url).get('/api/chat/rooms/queue').set(as(token)).expect(200)
      ).body.rooms.map((room: { roomId: string }) => room.roomId);
    expect(await queued(member.signedIn.accessToken)).toContain(roomId);
    expect(await queued(outsider.signedIn.accessToken)).not.toContain(roomId);

    await tenant
      .http()
      .delete(`/api/tenant/teams/${team.body.id}`)
      .set(as(admin.accessToken))
      .expect(204);
    await eventually(async () =>
      expect(await queued(outsider.signedIn.accessToken)).toContain(roomId),
    );
  });
});
