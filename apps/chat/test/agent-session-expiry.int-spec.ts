import { type ChatFixture as Fixture, ChatFixture, type ChatSocket, Inbox } from './chat-fixture';

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

describe('an agent socket lasts as long as its access token', () => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('is cut when the token expires, and a refreshed token reconnects with every message missed meanwhile', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const agentUser = await fixture.activeAgent(admin);
    const session = await fixture.openSession(chatbot).expect(201);
    const { roomId, visitorToken } = session.body;
    const visitor = await fixture.visitor(visitorToken);

    // A few seconds of life: long enough to join and read, short enough to watch it end.
    const shortLived = fixture.directory.reissue(agentUser, 4);
    const agent = await fixture.agent(shortLived);
    const ended = sessionEnd(agent);
    const disconnected = disconnection(agent);
    const inbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId });
    const hello = await visitor.emitWithAck('message:send', {
      clientMessageId: 'before',
      body: 'Hello?',
    });
    await inbox.waitForMessage((message) => message.clientMessageId === 'before');

    expect(await ended).toEqual({ reason: 'expired' });
    expect(await disconnected).toBe('io server disconnect');

    await visitor.emitWithAck('message:send', { clientMessageId: 'while-away', body: 'Anyone?' });
    await expect(fixture.agent(shortLived)).rejects.toThrow('unauthorized');

    const back = await fixture.connect('agent', {
      token: fixture.directory.reissue(agentUser),
      lastSeqs: { [roomId]: 'seq' in hello ? hello.seq : 0 },
    });
    const replayed = new Inbox(back);
    const missed = await replayed.waitForMessage(
      (message) => message.clientMessageId === 'while-away',
    );
    expect(missed).toMatchObject({ roomId, body: 'Anyone?', sender: { type: 'visitor' } });
    expect(replayed.bodies(roomId)).not.toContain('Hello?');
  });
});
