import { eventually } from '@app/testing';
import { ChatFixture, Inbox } from './chat-fixture';

describe('two chat replicas, and changes from the tenant service taking effect live', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start({ replicas: 2 });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('lets a visitor on one replica and an agent on the other chat normally', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (
      await fixture.openSession(chatbot, {}, { replica: 1 }).expect(201)
    ).body;
    const agent = await fixture.agent(admin.accessToken, 0);
    const agentInbox = new Inbox(agent);
    const visitor = await fixture.visitor(visitorToken, 1, 1);
    const visitorInbox = new Inbox(visitor);

    expect(await agent.emitWithAck('room:join', { roomId })).toMatchObject({
      room: { status: 'active' },
    });
    await visitorInbox.waitForUpdate((update) => update.status === 'active');
    await visitor.emitWithAck('message:send', { clientMessageId: 'v', body: 'from replica 1' });
    await agentInbox.waitForMessage((message) => message.body === 'from replica 1');
    await agent.emitWithAck('message:send', {
      roomId,
      clientMessageId: 'a',
      body: 'from replica 0',
    });
    await visitorInbox.waitForMessage((message) => message.body === 'from replica 0');

    // The standby sees the visitor's sockets on every replica: leaving one tab of two is not leaving.
    const secondTab = await fixture.visitor(visitorToken, 3, 0);
    visitor.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(agentInbox.updates.some((update) => update.visitorAway === true)).toBe(false);
    secondTab.disconnect();
    await agentInbox.waitForUpdate(
      (update) => update.roomId === roomId && update.visitorAway === true,
    );
  });

  it('refuses a rotated-out API key within a second, without restarting chat', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const rotated = await fixture.directory.rotateKey(chatbot);
    await eventually(() => fixture.openSession(chatbot).expect(401), { timeoutMs: 3000 });
    await fixture
      .openSession({ ...chatbot, apiKey: rotated.apiKey }, {}, { replica: 1 })
      .expect(201);
  });

  it('disconnects a deactivated agent at once and refuses their next connection', async () => {
    const { admin } = await fixture.tenantWithChatbot();
    const signedIn = await fixture.activeAgent(admin);
    const agent = await fixture.agent(signedIn.accessToken, 1);
    const disconnected = new Promise((resolve) => agent.once('disconnect', resolve));

    // As the tenant service announces a deactivation (PATCH /agents/:id, status deactivated).
    await fixture.directory.updateUser(signedIn, { status: 'deactivated' });

    await disconnected;
    await expect(fixture.agent(signedIn.accessToken, 0)).rejects.toThrow('unauthorized');
  });
});
