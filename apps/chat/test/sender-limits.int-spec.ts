import { eventually, startNginx, type TestNginx } from '@app/testing';
import request from 'supertest';
import { type ChatSocket, ChatFixture, Inbox } from './chat-fixture';

/** Small limits, so that one test can reach each of them quickly. */
const LIMITS = {
  SENDER_MESSAGES_PER_10S: '30',
  TENANT_MESSAGES_PER_SECOND: '40',
  TENANT_AGENT_SHARE_PERCENT: '25',
  SENDER_SIGNALS_PER_10S: '10',
  VISITOR_CONNECTS_PER_MINUTE: '12',
  HISTORY_REQUESTS_PER_MINUTE: '5',
};

type SendAnswer = { seq?: number; error?: { code: string } };

describe('limits on what one visitor or agent can repeat', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;

  beforeAll(async () => {
    fixture = await ChatFixture.start({ overrides: LIMITS });
    nginx = await startNginx({ tenant: fixture.tokens.url, chat: [fixture.chat.url] });
  });

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.close();
  });

  /** A tenant's visitor in a room its agent has joined. */
  async function liveRoom() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body as {
      roomId: string;
      visitorToken: string;
    };
    const agent = await fixture.agent(admin.accessToken);
    expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
      room: { status: 'active' },
    });
    return { roomId, visitorToken, agent };
  }

  async function sockets(visitorToken: string, count: number): Promise<ChatSocket[]> {
    return Promise.all(Array.from({ length: count }, () => fixture.visitor(visitorToken)));
  }

  /** Sends one message after another from the socket until it has sent `count` or is cut off. */
  async function flood(socket: ChatSocket, name: string, count: number, answers: SendAnswer[]) {
    for (let index = 0; index < count && socket.connected; index += 1) {
      const answer = await socket
        .timeout(5_000)
        .emitWithAck('message:send', { clientMessageId: `${name}-${index}`, body: 'spam' })
        .catch(() => ({ error: { code: 'disconnected' } }));
      answers.push(answer as SendAnswer);
    }
  }

  it('counts a visitor’s messages across all the sockets their token opens', async () => {
    const { roomId, visitorToken } = await liveRoom();
    const visitorSockets = await sockets(visitorToken, 6);

    const answers: SendAnswer[] = [];
    await Promise.all(
      visitorSockets.map((socket, index) => flood(socket, `s${index}`, 10, answers)),
    );

    // Six sockets of ten each: with a limit per socket all sixty would have gone through.
    expect(answers.filter((answer) => answer.seq !== undefined)).toHaveLength(30);
    const history = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/messages?after=0&limit=500`)
      .set('Authorization', `Bearer ${visitorToken}`)
      .expect(200);
    const fromVisitor = (history.body as { messages: { sender: { type: string } }[] }).messages;
    expect(fromVisitor.filter((message) => message.sender.type === 'visitor')).toHaveLength(30);
  });

  it('keeps the tenant’s agents talking while one visitor floods from many sockets', async () => {
    const { visitorToken, roomId, agent } = await liveRoom();
    const visitorSockets = await sockets(visitorToken, 10);

    const answers: SendAnswer[] = [];
    const flooding = Promise.all(
      visitorSockets.map((socket, index) => flood(socket, `f${index}`, 100, answers)),
    );
    // Refused sends used to count against the tenant's second: wait until there are plenty.
    await eventually(() => {
      const refused = answers.filter((answer) => answer.error?.code === 'rate_limited').length;
      if (refused < 20) throw new Error(`only ${refused} refused sends so far`);
    });
    const fromAgent: SendAnswer[] = [];
    for (let index = 0; index < 5; index += 1)
      fromAgent.push(
        await agent.emitWithAck('message:send', {
          roomId,
          clientMessageId: `agent-${index}`,
          body: `answer ${index}`,
        }),
      );
    await flooding;

    expect(fromAgent).toEqual(Array(5).fill({ id: expect.any(String), seq: expect.any(Number) }));
    expect(answers.filter((answer) => answer.seq !== undefined)).toHaveLength(30);
    // Ninety tries is three times the limit: every one of the visitor's sockets is cut off.
    await eventually(() =>
      expect(visitorSockets.filter((socket) => socket.connected)).toHaveLength(0),
    );
  });

  it('keeps the agents’ share of the tenant’s second while many visitors flood at once', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agent = await fixture.agent(admin.accessToken);
    const rooms = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const opened = (await fixture.openSession(chatbot).expect(201)).body as {
          roomId: string;
          visitorToken: string;
        };
        return { ...opened, sockets: await sockets(opened.visitorToken, 2) };
      }),
    );
    const { roomId } = rooms[0];
    expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
      room: { status: 'active' },
    });

    const answers: SendAnswer[] = [];
    const flooding = Promise.all(
      rooms.flatMap((room, index) =>
        room.sockets.map((socket, at) => flood(socket, `r${index}s${at}`, 40, answers)),
      ),
    );
    // Each visitor is under their own limit here: what refuses them is the visitors' share.
    await eventually(() => {
      const refused = answers.filter((answer) => answer.error?.code === 'rate_limited').length;
      if (refused < 20) throw new Error(`only ${refused} refused sends so far`);
    });
    const fromAgent: SendAnswer[] = [];
    for (let index = 0; index < 5; index += 1)
      fromAgent.push(
        await agent.emitWithAck('message:send', {
          roomId,
          clientMessageId: `agent-${index}`,
          body: `answer ${index}`,
        }),
      );
    await flooding;

    expect(fromAgent).toEqual(Array(5).fill({ id: expect.any(String), seq: expect.any(Number) }));
  });

  it('limits typing and read receipts per visitor, and relays no more than that', async () => {
    const { visitorToken, agent } = await liveRoom();
    const agentInbox = new Inbox(agent);
    const signalsSeen: string[] = [];
    agent.on('typing', () => signalsSeen.push('typing'));
    agent.on('message:read', () => signalsSeen.push('read'));
    const [first, second] = await sockets(visitorToken, 2);

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        index % 2 === 0
          ? first.emitWithAck('typing', { typing: index % 4 === 0 })
          : second.emitWithAck('message:read', { seq: 1 }),
      ),
    );

    expect(answers.filter((answer) => 'ok' in answer)).toHaveLength(10);
    expect(answers.filter((answer) => 'error' in answer)).toEqual(
      Array(20).fill({ error: { code: 'rate_limited', message: expect.any(String) } }),
    );
    // A message sent afterwards arrives after every relayed signal: none of the refused follow.
    expect(await first.emitWithAck('message:send', { clientMessageId: 'm', body: 'hi' })).toEqual({
      id: expect.any(String),
      seq: expect.any(Number),
    });
    await agentInbox.waitForMessage((message) => message.clientMessageId === 'm');
    expect(signalsSeen).toHaveLength(10);
  });

  it('refuses a visitor room’s connections past the limit per minute', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { visitorToken } = (await fixture.openSession(chatbot).expect(201)).body as {
      visitorToken: string;
    };
    for (let index = 0; index < 12; index += 1) (await fixture.visitor(visitorToken)).disconnect();

    await expect(fixture.visitor(visitorToken)).rejects.toThrow('rate_limited');
  });

  it('answers a flood of history calls through nginx with 429 and Retry-After', async () => {
    const { roomId, visitorToken } = await liveRoom();
    const history = () =>
      request(nginx.url)
        .get(`/api/chat/rooms/${roomId}/messages`)
        .set('Authorization', `Bearer ${visitorToken}`);
    for (let index = 0; index < 5; index += 1) await history().expect(200);

    const refused = await history().expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
