import { type Consumer, type EachMessagePayload, Partitioners, type Producer } from 'kafkajs';
import { eventually } from './eventually';
import { startGroupAtTopicEnds, testKafka as kafka } from './kafka';
import { uniqueSuffix } from './test-service';

export interface ReceivedMessage {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Where every topic ends at one moment: a probe started from it later reads only what came after. */
export interface TopicsMark {
  groupId: string;
}

/**
 * Reads topics with a group of its own and keeps what it saw: from their start, or from a mark
 * taken earlier (a topic that holds many events takes long to read from its start).
 */
export class TopicProbe {
  readonly messages: ReceivedMessage[] = [];
  private readonly consumer: Consumer;

  private constructor(groupId: string) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  }

  /** The topics' ends now; taken while Kafka is up. */
  static async mark(): Promise<TopicsMark> {
    const groupId = `test-probe-${uniqueSuffix()}`;
    await startGroupAtTopicEnds(groupId);
    return { groupId };
  }

  static async start(topics: string[], from?: TopicsMark): Promise<TopicProbe> {
    const probe = new TopicProbe(from?.groupId ?? `test-probe-${uniqueSuffix()}`);
    await probe.consumer.connect();
    // A marked group resumes from the offsets it committed; a new one reads from the start.
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
