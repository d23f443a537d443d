import { eventually, type ServiceProcess, spawnService, uniqueSuffix } from '@app/testing';
import { io } from 'socket.io-client';
import request from 'supertest';
import { bearer, TenantFixture } from '../../tenant/test/tenant-fixture';
import { type ChatSocket, Inbox, SITE } from './chat-fixture';

describe('a visitor whose chat replica dies and who never comes back', () => {
  let tenant: TenantFixture;
  let replicas: ServiceProcess[];
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    const shared = {
      JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json`,
      MONGO_DB: `test_chat_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-chat-${uniqueSuffix()}`,
      VISITOR_PRESENCE_TIMEOUT_SECONDS: '3',
      STANDBY_TTL_SECONDS: '3',
    };
    replicas = [await spawnService('chat', shared), await spawnService('chat', shared)];
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([...(replicas ?? []).map((replica) => replica.kill()), tenant?.close()]);
  });

  function connect(url: string, namespace: string, auth: object) {
    const socket: ChatSocket = io(`${url}/${namespace}`, {
      path: '/socket.io',
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise<ChatSocket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('goes into standby on the surviving replica, then closes as abandoned', async () => {
    const [doomed, survivor] = replicas;
    const admin = await tenant.signup();
    const chatbot = (
      await tenant
        .http()
        .post('/api/tenant/chatbots')
        .set(bearer(admin.accessToken))
        .send({ name: 'H', allowedOrigins: [SITE] })
        .expect(201)
    ).body;
    const session = await eventually(async () => {
      const response = await request(doomed.url)
        .post('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .send({
          tenantId: admin.tenant.id,
          chatbotId: chatbot.id,
          apiKey: chatbot.apiKey,
          name: 'Vanishing Vi',
          email: 'vanishing@example.test',
        });
      if (response.status !== 201) throw new Error(`not yet: ${response.status}`);
      return response.body as { roomId: string; visitorToken: string };
    });
    const agent = await connect(survivor.url, 'agent', { token: admin.accessToken });
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId: session.roomId });
    await connect(doomed.url, 'visitor', { token: session.visitorToken });
    // Longer than the presence timeout: a live visitor is not taken for gone.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(agentInbox.updates.some((update) => update.visitorAway)).toBe(false);

    await doomed.kill();

    await eventually(
      () =>
        agentInbox.waitForUpdate(
          (update) => update.roomId === session.roomId && update.visitorAway === true,
        ),
      { timeoutMs: 40_000 },
    );
    await eventually(
      () =>
        agentInbox.waitForUpdate(
          (update) =>
            update.roomId === session.roomId &&
            update.status === 'closed' &&
            update.reason === 'abandoned',
        ),
      { timeoutMs: 20_000 },
    );
  });
});
