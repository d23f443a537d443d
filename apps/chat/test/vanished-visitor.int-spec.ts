import { eventually } from '@app/testing';
import { Inbox } from './chat-fixture';
import { SpawnedChat } from './spawned-chat';

describe('a visitor whose chat replica dies and who never comes back', () => {
  let chat: SpawnedChat;

  beforeAll(async () => {
    chat = await SpawnedChat.start({
      VISITOR_PRESENCE_TIMEOUT_SECONDS: '3',
      STANDBY_TTL_SECONDS: '3',
    });
  });

  afterAll(async () => {
    await chat?.close();
  });

  it('goes into standby on the surviving replica, then closes as abandoned', async () => {
    const [doomed, survivor] = chat.replicas;
    const { admin, ...session } = await chat.session(doomed.url, {
      name: 'Vanishing Vi',
      email: 'vanishing@example.test',
    });
    const agent = await chat.connect(survivor.url, 'agent', { token: admin.accessToken });
    const agentInbox = new Inbox(agent);
    await agent.emitWithAck('room:join', { roomId: session.roomId });
    await chat.connect(doomed.url, 'visitor', { token: session.visitorToken });
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
