import { type ChatMessage } from '@app/contracts';
import { eventually, type ServiceProcess, spawnService, uniqueSuffix } from '@app/testing';
import { io } from 'socket.io-client';
import request from 'supertest';
import { bearer, TenantFixture } from '../../tenant/test/tenant-fixture';
import { type ChatSocket, Inbox, SITE } from './chat-fixture';

describe('a chat replica killed with kill -9 mid-conversation', () => {
  let tenant: TenantFixture;
  let replicas: ServiceProcess[];
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    const shared = {
      JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json`,
      MONGO_DB: `test_chat_${uniqueSuffix()}`,
      KAFKA_CONSUMER_GROUP: `test-chat-${uniqueSuffix()}`,
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

  it('loses nothing acked and doubles nothing: the visitor resumes on the other replica', async () => {
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
          name: 'Vi',
          email: 'vi@example.test',
        });
      if (response.status !== 201) throw new Error(`not yet: ${response.status}`);
      return response.body as { roomId: string; visitorToken: string };
    });
    const agent = await connect(survivor.url, 'agent', { token: admin.accessToken });
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId: session.roomId });
    const visitor = await connect(doomed.url, 'visitor', { token: session.visitorToken });
    const before = new Inbox(visitor);

    const acked: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const answer = await visitor.emitWithAck('message:send', {
        clientMessageId: `before-${index}`,
        body: `before ${index}`,
      });
      if ('seq' in answer) acked.push(`before-${index}`);
      await agent.emitWithAck('message:send', {
        roomId: session.roomId,
        clientMessageId: `agent-${index}`,
        body: `reply ${index}`,
      });
    }
    await before.waitForMessage((message) => message.body === 'reply 4');
    const lastSeen = Math.max(...before.messages.map((message) => message.seq));

    await doomed.kill();
    // The agent keeps writing while the visitor's replica is gone.
    for (let index = 0; index < 3; index += 1) {
      await agent.emitWithAck('message:send', {
        roomId: session.roomId,
        clientMessageId: `gap-${index}`,
        body: `while down ${index}`,
      });
    }
    // What nginx does for a real client: the reconnect lands on the replica still up.
    const resumed = await connect(survivor.url, 'visitor', {
      token: session.visitorToken,
      lastSeq: lastSeen,
    });
    const after = new Inbox(resumed);
    await after.waitForMessage((message) => message.body === 'while down 2');
    await resumed.emitWithAck('message:send', { clientMessageId: 'after-0', body: 'back again' });
    await agentInbox.waitForMessage((message) => message.body === 'back again');

    const seen: ChatMessage[] = [...before.messages, ...after.messages];
    const seqs = seen.map((message) => message.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    expect(after.messages.map((message) => message.body)).toEqual([
      'while down 0',
      'while down 1',
      'while down 2',
      'back again',
    ]);

    const history = await request(survivor.url)
      .get(`/api/chat/rooms/${session.roomId}/messages?after=0&limit=500`)
      .set('Authorization', `Bearer ${session.visitorToken}`)
      .expect(200);
    const ids = history.body.messages
      .map((message: ChatMessage) => message.clientMessageId)
      .filter(Boolean);
    for (const id of [...acked, 'after-0'])
      expect(ids.filter((candidate: string) => candidate === id)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
