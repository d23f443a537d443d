import { type KafkaConfig } from '@app/config';
import { deadLetterTopic, type EventDefinition, type EventEnvelope } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { type Consumer, type EachBatchPayload, Kafka, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaClientConfig } from '../kafka-options';
import { describeIssues, sendToDeadLetterTopic } from './dead-letter';

export interface StreamedEvent {
  event: EventEnvelope;
  /** The message's offset in its partition (a decimal string, as Kafka gives it). */
  offset: string;
}

/** The valid events of one fetch from one partition, in partition order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  events: StreamedEvent[];
}

export interface EventBatchStreamOptions {
  /** Names the consumer group's purpose: the group is `<KAFKA_CONSUMER_GROUP>-<name>`. */
  name: string;
  kafka: KafkaConfig;
  events: EventDefinition[];
  /** Must be idempotent: a batch is handed over again after a crash or a rebalance. */
  handle: (batch: PartitionBatch) => Promise<void>;
  /** Longest wait between tries of a failing batch. */
  maxRetryDelayMs?: number;
  /**
   * The wait before the next try that a failure asks for (an outside service's rate limit says
   * when to come back), instead of the backoff; the consumer keeps its place in the group meanwhile.
   */
  retryDelayOf?: (error: unknown) => number | undefined;
  /**
   * How long the broker may hold a fetch to gather a batch: by default until 256 KiB or 1 s,
   * few large batches for throughput; a consumer whose lag users see asks for less.
   */
  fetch?: { minBytes: number; maxWaitTimeInMs: number };
}

const BATCH_MIN_BYTES = 256 * 1024;
/** A waiting consumer tells the group it is alive this often (its session lasts 10 s). */
const HEARTBEAT_STEP_MS = 3_000;

/**
 * Consumes events a partition batch at a time, for consumers that gain from seeing many events
 * at once (rollups, forwarding to an outside service). A message that breaks its contract is
 * parked on `<topic>.dlq`; a batch whose handler fails is retried, with backoff, until it
 * succeeds: what fails here is a database or an outside service being down, and skipping would
 * lose data. Offsets are committed only after the handler succeeds.
 */
export class EventBatchStream {
  private readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly definitions: Map<string, EventDefinition>;
  private consumer?: Consumer;
  private producer?: Producer;
  private stopping = false;

  constructor(private readonly options: EventBatchStreamOptions) {
    this.logger = new Logger(`EventBatchStream:${options.name}`);
    this.kafka = new Kafka(kafkaClientConfig(options.kafka, options.name));
    this.definitions = new Map(options.events.map((definition) => [definition.topic, definition]));
  }

  get groupId(): string {
    return `${this.options.kafka.KAFKA_CONSUMER_GROUP}-${this.options.name}`;
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    this.consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      // The broker answers a fetch once this much has gathered, or after maxWaitTimeInMs: under
      // load, a few large batches a second instead of one per message or two.
      minBytes: this.options.fetch?.minBytes ?? BATCH_MIN_BYTES,
      maxWaitTimeInMs: this.options.fetch?.maxWaitTimeInMs ?? 1000,
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
    });
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.definitions.keys()], fromBeginning: true });
    await this.consumer.run({
      // Partitions are independent (order matters within one): their batches overlap.
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      autoCommit: true,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const definition = this.definitions.get(batch.topic);
    if (!definition || batch.messages.length === 0) return;
    const events: StreamedEvent[] = [];
    for (const message of batch.messages) {
      const parsed = definition.envelope.safeParse(parseJson(message.value));
      if (parsed.success) {
        events.push({ event: parsed.data, offset: message.offset });
        continue;
      }
      const detail = describeIssues(parsed.error.issues);
      this.logger.error(
        `parking ${batch.topic} partition ${batch.partition} offset ${message.offset} on ${deadLetterTopic(batch.topic)}: ${detail}`,
      );
      await sendToDeadLetterTopic(this.producer!, {
        topic: batch.topic,
        partition: batch.partition,
        message,
        reason: 'invalid',
        detail,
        consumer: this.groupId,
      });
    }

    const handled = await this.handleUntilDone(payload, {
      topic: batch.topic,
      partition: batch.partition,
      events,
    });
    if (!handled) return;
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
  }

  /** False when the consumer stops (or loses the partition) before the batch got through. */
  private async handleUntilDone(payload: EachBatchPayload, batch: PartitionBatch) {
    if (batch.events.length === 0) return true;
    for (let failures = 0; ; failures++) {
      if (this.stopping || !payload.isRunning() || payload.isStale()) return false;
      // A handler that waits on an outside service must not cost the consumer its group.
      const beating = setInterval(
        () => void payload.heartbeat().catch(() => undefined),
        HEARTBEAT_STEP_MS,
      );
      try {
        await this.options.handle(batch);
        return true;
      } catch (error) {
        const delay =
          this.options.retryDelayOf?.(error) ??
          Math.min(500 * 2 ** failures, this.options.maxRetryDelayMs ?? 30_000);
        this.logger.warn(
          `${batch.topic}[${batch.partition}] batch of ${batch.events.length} failed (try ${failures + 1}), again in ${delay} ms: ${(error as Error).message}`,
        );
        // A long outage (or wait) must not get this consumer thrown out of its group.
        for (let waited = 0; waited < delay && !this.stopping; waited += HEARTBEAT_STEP_MS) {
          await sleep(Math.min(HEARTBEAT_STEP_MS, delay - waited));
          await payload.heartbeat().catch(() => undefined);
        }
      } finally {
        clearInterval(beating);
      }
    }
  }
}

function parseJson(value: Buffer | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return value.toString('utf8');
  }
}
