import { type EventOf, MessageSentV1 } from '@app/contracts';
import { REDIS } from '@app/platform';
import { forTenant } from '@app/tenancy';
import { eventually, TopicProbe } from '@app/testing';
import type Redis from 'ioredis';
import { MessageSentEvents } from '../src/messages/message-sent-events';
import { MessageSeqAllocator } from '../src/messages/message-seq.allocator';
import { MessagesRepository } from '../src/messages/messages.repository';
import { RoomsRepository } from '../src/rooms/rooms.repository';
import { ChatFixture } from './chat-fixture';

jest.setTimeout(120_000);

type Sent = EventOf<typeof MessageSentV1>;

/**
 * A replica that dies between storing a message and handing its event to the outbox (a kill -9
 * in the drill did it): the message is acked to nobody, the visitor's resend is answered as the
 * stored original, and without the ledger analytics never counts it.
 */
describe('a message stored by a replica that died before publishing its event', () => {
  let fixture: ChatFixture;
  let topics: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    topics = await TopicProbe.start([MessageSentV1.topic]);
  });

  afterAll(async () => {
    await topics?.stop();
    await fixture?.close();
  });

  const eventsOf = (messageId: string) =>
    topics.messages
      .map((message) => JSON.parse(message.value) as Sent)
      .filter((event) => event.payload.messageId === messageId);

  it('still gets its chat.message.sent, once, and a normal send owes nothing after it', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const { roomId, visitorToken } = (await fixture.openSession(chatbot).expect(201)).body as {
      roomId: string;
      visitorToken: string;
    };
    const app = fixture.chat.app;
    const room = (await forTenant(chatbot.tenantId, 'test', () =>
      app.get(RoomsRepository).findById(roomId),
    ))!;

    // What the dying replica got done: the seq, the ledger entry, the stored message.
    const clientMessageId = 'sent-just-before-the-crash';
    const { seq } = await app
      .get(MessageSeqAllocator)
      .claim(room, clientMessageId, () => Promise.resolve(0));
    await app.get(MessageSentEvents).owed(room, seq);
    await forTenant(chatbot.tenantId, 'test', () =>
      app.get(MessagesRepository).insert({
        roomId,
        seq,
        clientMessageId,
        sender: { type: 'visitor', name: 'Vera Visitor' },
        body: 'Is anyone there?',
        createdAt: new Date(),
      }),
    );
    const messageId = `${roomId}:${seq}`;

    // The visitor sends it again: answered with the original, which publishes nothing.
    const visitor = await fixture.visitor(visitorToken);
    const resend = await visitor.emitWithAck('message:send', {
      clientMessageId,
      body: 'Is anyone there?',
    });
    expect(resend).toMatchObject({ seq });
    // A message sent normally afterwards has its event, and leaves nothing owed behind it.
    const next = await visitor.emitWithAck('message:send', {
      clientMessageId: 'after-the-crash',
      body: 'Hello?',
    });
    if (!('seq' in next)) throw new Error(`send refused: ${next.error.code}`);
    await eventually(() => expect(eventsOf(`${roomId}:${next.seq}`)).toHaveLength(1));
    expect(eventsOf(messageId)).toHaveLength(0);

    // A resend of a message whose event went out owes nothing again.
    expect(
      await visitor.emitWithAck('message:send', {
        clientMessageId: 'after-the-crash',
        body: 'Hello?',
      }),
    ).toMatchObject({ seq: next.seq });

    // The sweep (on any replica, after the grace period) publishes the lost event, once.
    const sweeper = app.get(MessageSentEvents);
    await sweeper.sweep(0);
    await sweeper.sweep(0);
    await eventually(() => expect(eventsOf(messageId)).toHaveLength(1));
    expect(eventsOf(`${roomId}:${next.seq}`)).toHaveLength(1);
    expect(eventsOf(messageId)[0].payload).toMatchObject({
      roomId,
      seq,
      chatbotId: chatbot.id,
      sender: { type: 'visitor' },
      length: 'Is anyone there?'.length,
    });

    const ledger = await app
      .get<Redis>(REDIS)
      .zrange(`parley:chat:unpublished-messages:${fixture.chat.config.MONGO_DB}`, 0, -1);
    expect(ledger.filter((member) => member.includes(roomId))).toEqual([]);
  });
});
