import { type EachMessagePayload, Partitioners, type Producer } from 'kafkajs';
import { eventually } from './eventually';
import { testKafka as kafka } from './kafka';
import { uniqueSuffix } from './test-service';

export interface ReceivedMessage {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Reads topics from their start with a group of its own and keeps what it saw. */
export class TopicProbe {
  readonly messages: ReceivedMessage[] = [];
  private readonly consumer = kafka.consumer({
    groupId: `test-probe-${uniqueSuffix()}`,
    maxWaitTimeInMs: 500,
  });

  static async start(topics: string[]): Promise<TopicProbe> {
    const probe = new TopicProbe();
    await probe.consumer.connect();
    await probe.consumer.subscribe({ topics, fromBeginning: true });
    await probe.consumer.run({ eachMessage: async (payload) => probe.keep(payload) });
    return probe;
  }

  /** Waits for a message matching `predicate` and returns it. */
  waitFor(
    predicate: (message: ReceivedMessage) => boolean,
    timeoutMs = 20000,
  ): Promise<ReceivedMessage> {
    return eventually(
      () => {
        const found = this.messages.find(predicate);
        if (!found) throw new Error(`no matching message among ${this.messages.length} received`);
        return found;
      },
      { timeoutMs },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private keep({ topic, message }: EachMessagePayload): void {
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    this.messages.push({
      topic,
      key: message.key?.toString() ?? null,
      value: message.value?.toString() ?? '',
      headers,
    });
  }
}

/** Connected once and shared: callers sending at the same time wait for the one connection. */
let producer: Promise<Producer> | undefined;

/** Writes raw bytes to a topic, bypassing every Parley check: how a broken producer would. */
export async function produceRaw(topic: string, key: string, value: string): Promise<void> {
  producer ??= connectedProducer().catch((error: unknown) => {
    producer = undefined;
    throw error;
  });
  await (await producer).send({ topic, messages: [{ key, value }] });
}

async function connectedProducer(): Promise<Producer> {
  const created = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await created.connect();
  return created;
}

export async function closeRawProducer(): Promise<void> {
  const closing = producer;
  producer = undefined;
  await (await closing)?.disconnect();
}
