import { startNginx, type TestNginx } from '@app/testing';
import { type ChatSocket, ChatFixture, connectSocket, Inbox } from './chat-fixture';

describe('chat through nginx, in front of two replicas', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    fixture = await ChatFixture.start({ replicas: 2 });
    nginx = await startNginx({
      tenant: fixture.tokens.url,
      chat: fixture.chats.map((chat) => chat.url),
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await nginx?.stop();
    await fixture?.close();
  });

  async function connect(
    namespace: string,
    auth: object,
    affinity: string,
    transports: ('websocket' | 'polling')[],
  ) {
    const socket = await connectSocket(nginx.url, namespace, auth, {
      query: { affinity },
      transports,
    });
    sockets.push(socket);
    return socket;
  }

  // Long-polling only works if nginx keeps each client on one replica (engine.io sessions live
  // in one process): the polling case fails with "Session ID unknown" without the stickiness.
  it.each([['websocket'], ['polling']] as const)(
    'carries a whole conversation over %s',
    async (transport) => {
      const { admin, chatbot } = await fixture.tenantWithChatbot();
      const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
      const agent = await connect('agent', { token: admin.accessToken }, `agent-${transport}`, [
        transport,
      ]);
      const visitor = await connect('visitor', { token: visitorToken }, `visitor-${transport}`, [
        transport,
      ]);
      const agentInbox = new Inbox(agent);
      const visitorInbox = new Inbox(visitor);

      expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
        room: { status: 'active' },
      });
      for (let index = 0; index < 5; index += 1) {
        await visitor.emitWithAck('message:send', {
          clientMessageId: `v-${index}`,
          body: `visitor ${index}`,
        });
        await agent.emitWithAck('message:send', {
          roomId,
          clientMessageId: `a-${index}`,
          body: `agent ${index}`,
        });
      }
      await agentInbox.waitForMessage((message) => message.body === 'visitor 4');
      await visitorInbox.waitForMessage((message) => message.body === 'agent 4');
      expect(visitorInbox.messages.map((message) => message.seq)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
    },
  );
});
