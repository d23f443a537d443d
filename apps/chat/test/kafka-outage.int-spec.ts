import { MessageSentV1 } from '@app/contracts';
import { eventually, infra, TopicProbe } from '@app/testing';
import { ChatFixture, Inbox } from './chat-fixture';

describe('chatting while Kafka is down', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
  });

  afterAll(async () => {
    infra('up', 'kafka');
    await fixture?.close();
  });

  it('keeps the conversation going and delivers every message.sent event once Kafka is back', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body;
    const agent = await fixture.agent(admin.accessToken);
    await agent.emitWithAck('room:join', { roomId });
    const visitor = await fixture.visitor(visitorToken);
    const agentInbox = new Inbox(agent);

    // The topic holds every earlier run's events: the probe reads only what comes after now.
    const beforeOutage = await TopicProbe.mark();
    infra('down', 'kafka');
    const acked: number[] = [];
    const outageEndsAt = Date.now() + 30_000;
    for (let index = 0; Date.now() < outageEndsAt; index += 1) {
      const answer = await visitor.emitWithAck('message:send', {
        clientMessageId: `k-${index}`,
        body: `during outage ${index}`,
      });
      if (!('seq' in answer))
        throw new Error(`send failed during the outage: ${JSON.stringify(answer)}`);
      acked.push(answer.seq);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await agentInbox.waitForMessage((message) => message.seq === acked.at(-1));
    infra('up', 'kafka');

    const probe = await TopicProbe.start([MessageSentV1.topic], beforeOutage);
    try {
      await eventually(
        () => {
          const seqs = new Set(
            probe.messages
              .filter((message) => message.key === roomId)
              .map((message) => JSON.parse(message.value).payload.seq),
          );
          for (const seq of acked) expect(seqs).toContain(seq);
        },
        { timeoutMs: 90_000 },
      );
    } finally {
      await probe.stop();
    }
  }, 240_000);
});
