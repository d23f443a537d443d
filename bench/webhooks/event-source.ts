import { MessageSentV1 } from '@app/contracts';
import { testKafka } from '@app/testing';
import { Partitioners, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/**
 * Publishes `chat.message.sent.v1` events of one tenant as chat does (keyed by room, `occurredAt`
 * the moment of sending), spread over `rooms` conversations; answers the ids it sent.
 */
export class EventSource {
  private seq = 0;

  private constructor(
    private readonly producer: Producer,
    private readonly tenantId: string,
    private readonly rooms: string[],
  ) {}

  static async start(tenantId: string, rooms: number): Promise<EventSource> {
    const producer = testKafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new EventSource(
      producer,
      tenantId,
      Array.from({ length: rooms }, () => randomUUID()),
    );
  }

  async send(count: number): Promise<string[]> {
    const ids: string[] = [];
    const messages = Array.from({ length: count }, () => {
      this.seq += 1;
      const roomId = this.rooms[this.seq % this.rooms.length];
      const id = randomUUID();
      ids.push(id);
      const now = new Date().toISOString();
      const event = {
        id,
        type: MessageSentV1.type,
        version: MessageSentV1.version,
        tenantId: this.tenantId,
        occurredAt: now,
        payload: {
          roomId,
          chatbotId: 'bench-chatbot',
          messageId: randomUUID(),
          seq: this.seq,
          sender: { type: 'visitor' },
          length: 42,
          sentAt: now,
        },
      };
      return { key: roomId, value: JSON.stringify(event) };
    });
    await this.producer.send({ topic: MessageSentV1.topic, acks: -1, messages });
    return ids;
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}
