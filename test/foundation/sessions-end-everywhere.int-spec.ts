import {
  bearer,
  eventually,
  someIp,
  startNginx,
  startTestService,
  type TestNginx,
  type TestService,
  uniqueSuffix,
} from '@app/testing';
import request from 'supertest';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { type ChatSocket, connectSocket, SITE } from '../../apps/chat/test/chat-fixture';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { type SignedUp, TenantFixture } from '../../apps/tenant/test/tenant-fixture';

/** Why chat ends the socket's session, the next time it does (acknowledged, as the dashboard does). */
const sessionEnd = (socket: ChatSocket) =>
  new Promise<{ reason: string }>((resolve) =>
    socket.once('session:ended', (event, ack) => {
      ack();
      resolve(event);
    }),
  );

const disconnection = (socket: ChatSocket) =>
  new Promise<string>((resolve) => socket.once('disconnect', resolve));

/**
 * A session that ends in the tenant service ends in every service at once: the real tenant
 * service publishes the facts, and chat (two replicas), analytics and email, each started for
 * real and reading the tenant's JWKS, refuse the session's access token through nginx and cut
 * its sockets on every replica.
 */
describe('a session that ends, ends everywhere', () => {
  let tenant: TenantFixture;
  let chats: TestService<unknown>[];
  let analytics: TestService<unknown>;
  let email: TestService<unknown>;
  let nginx: TestNginx;
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    const jwks = { JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json` };
    // Two replicas of one deployment: one database, one consumer group.
    const chatDeployment = {
      ...jwks,
      MONGO_DB: `test_chat_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-chat-${uniqueSuffix()}`,
    };
    let chat1: TestService<unknown>;
    let chat2: TestService<unknown>;
    [chat1, chat2, analytics, email] = await Promise.all([
      startTestService(chatService, chatDeployment),
      startTestService(chatService, chatDeployment),
      startTestService(analyticsService, jwks),
      startTestService(emailService, jwks),
    ]);
    chats = [chat1, chat2];
    nginx = await startNginx({
      tenant: tenant.url,
      chat: chats.map((chat) => chat.url),
      analytics: analytics.url,
      email: email.url,
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await nginx?.stop();
    await Promise.all([
      ...(chats ?? []).map((chat) => chat.close()),
      analytics?.close(),
      email?.close(),
      tenant?.close(),
    ]);
  });

  /** An agent socket straight to one chat replica (through nginx, the affinity would choose). */
  const connectAgent = async (accessToken: string, replica = 0) => {
    const socket = await connectSocket(chats[replica].url, 'agent', { token: accessToken });
    sockets.push(socket);
    return socket;
  };

  /** A call of each service's API, through nginx, that an admin's token may make. */
  const calls = (accessToken: string) => ({
    tenant: () => request(nginx.url).get('/api/tenant/me').set(bearer(accessToken)),
    chat: () => request(nginx.url).get('/api/chat/rooms/queue').set(bearer(accessToken)),
    analytics: () => request(nginx.url).get('/api/analytics/overview').set(bearer(accessToken)),
    email: () => request(nginx.url).get('/api/email/notifications').set(bearer(accessToken)),
  });

  const expectAcceptedEverywhere = async (accessToken: string) => {
    for (const [service, call] of Object.entries(calls(accessToken))) {
      expect({ service, status: (await call()).status }).toEqual({ service, status: 200 });
    }
  };

  /** Each service answers 401 `session_revoked` (once its consumer has read the event). */
  const expectRevokedEverywhere = async (accessToken: string) => {
    for (const [service, call] of Object.entries(calls(accessToken))) {
      const refused = await eventually(async () => {
        const answer = await call();
        if (answer.status === 200) throw new Error(`${service} still accepts the token`);
        return answer;
      });
      expect({ service, status: refused.status, code: refused.body.code }).toEqual({
        service,
        status: 401,
        code: 'session_revoked',
      });
    }
  };

  it('after "log out everywhere", cuts the agent’s sockets on every replica and every service refuses its access token', async () => {
    const admin = await tenant.signup();
    await expectAcceptedEverywhere(admin.accessToken);
    const onEachReplica = [
      await connectAgent(admin.accessToken, 0),
      await connectAgent(admin.accessToken, 1),
    ];
    const ended = onEachReplica.map(sessionEnd);
    const disconnected = onEachReplica.map(disconnection);

    await request(nginx.url)
      .post('/api/tenant/auth/logout-everywhere')
      .set(bearer(admin.accessToken))
      .expect(204);

    expect(await Promise.all(ended)).toEqual([{ reason: 'revoked' }, { reason: 'revoked' }]);
    expect(await Promise.all(disconnected)).toEqual([
      'io server disconnect',
      'io server disconnect',
    ]);
    await expectRevokedEverywhere(admin.accessToken);
    await expect(connectAgent(admin.accessToken)).rejects.toThrow('unauthorized');
  });

  it('after a password reset, cuts the socket and every service refuses the access token issued before', async () => {
    const admin = await tenant.signup();
    const agent = await connectAgent(admin.accessToken);
    const ended = sessionEnd(agent);

    await tenant
      .http()
      .post('/api/tenant/auth/password-reset')
      .set('X-Forwarded-For', someIp())
      .send({ email: admin.user.email })
      .expect(202);
    const token = await tenant.emailedToken(admin.user.email, 'password-reset');
    await tenant
      .http()
      .post('/api/tenant/auth/password-reset/confirm')
      .send({ token, password: 'a brand new password 7' })
      .expect(204);

    expect(await ended).toEqual({ reason: 'revoked' });
    await expectRevokedEverywhere(admin.accessToken);

    const signedIn = await tenant
      .http()
      .post('/api/tenant/auth/login')
      .set('X-Forwarded-For', someIp())
      .send({ email: admin.user.email, password: 'a brand new password 7' })
      .expect(200);
    await expectAcceptedEverywhere(signedIn.body.accessToken);
  });

  it('after a role change takes chats:transfer and chats:block away, the connected agent’s next transfer and block are refused', async () => {
    const admin = await tenant.signup();
    const { roomId } = await waitingVisitor(admin);
    const { signedIn } = await tenant.inviteAgent(admin);
    const agent = await connectAgent(signedIn.accessToken);
    await expect(agent.emitWithAck('room:join', { roomId })).resolves.toMatchObject({
      room: { roomId, status: 'active' },
    });
    const ended = sessionEnd(agent);

    const roles = await tenant.http().get('/api/tenant/roles').set(bearer(admin.accessToken));
    const agentRole = roles.body.roles.find(
      (role: { builtIn?: string }) => role.builtIn === 'agent',
    );
    await tenant
      .http()
      .patch(`/api/tenant/roles/${agentRole.id}`)
      .set(bearer(admin.accessToken))
      .send({ permissions: ['chats:join'] })
      .expect(200);

    expect(await ended).toEqual({ reason: 'permissions_changed' });
    await expect(connectAgent(signedIn.accessToken)).rejects.toThrow('unauthorized');
    const refreshed = await refresh(signedIn);
    const again = await connectAgent(refreshed);
    await expect(
      again.emitWithAck('room:transfer', { roomId, agentId: admin.user.id }),
    ).resolves.toEqual({ error: expect.objectContaining({ code: 'not_your_room' }) });
    await expect(again.emitWithAck('room:close', { roomId, reason: 'blocked' })).resolves.toEqual({
      error: expect.objectContaining({ code: 'not_your_room' }),
    });
    // What the agent still may do, it does: the room is still theirs to read.
    await request(nginx.url).get(`/api/chat/rooms/${roomId}`).set(bearer(refreshed)).expect(200);
  });

  /** A visitor waiting in a new chatbot's queue (once chat has heard of the chatbot). */
  async function waitingVisitor(admin: SignedUp): Promise<{ roomId: string }> {
    const chatbot = await tenant
      .http()
      .post('/api/tenant/chatbots')
      .set(bearer(admin.accessToken))
      .send({ name: 'Help', allowedOrigins: [SITE] })
      .expect(201);
    const session = await eventually(() =>
      request(chats[0].url)
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
    return { roomId: session.body.roomId };
  }

  async function refresh(user: SignedUp): Promise<string> {
    const answer = await tenant
      .http()
      .post('/api/tenant/auth/refresh')
      .set('X-Forwarded-For', someIp())
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    return answer.body.accessToken;
  }
});
