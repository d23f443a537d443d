import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { type Message, Partitioners, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaClientConfig } from '../kafka-options';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { leaseWindow, type OutboxedEvent, OutboxStore } from './outbox-store';

/** Bounds a send to Kafka, and so its request size. */
const MAX_EVENTS_PER_SEND = 500;
const MAX_BACKOFF_MS = 15_000;
/** After a write, wait this long for more before relaying, so events leave in batches. */
const GATHER_MS = 50;
/**
 * Under a steady stream of writes, relay no more often than this: fewer, larger reads, sends
 * and deletes. An event after a quiet spell still leaves within GATHER_MS.
 */
const MIN_NUDGED_INTERVAL_MS = 200;

/**
 * Moves events from the outbox to Kafka in batches, in write order. While Kafka is down the
 * events stay in the outbox and the relay backs off; nothing waits on it in the request path.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly owner = randomUUID();
  private readonly client: ClientKafka;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  private gathering?: NodeJS.Timeout;
  private lastNudgedAt = -Infinity;
  private consecutiveFailures = 0;
  private lastError?: string;
  private leasedWindow?: number;

  constructor(
    private readonly outbox: OutboxStore,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.client = new ClientKafka({
      postfixId: '',
      producerOnlyMode: true,
      client: kafkaClientConfig(options.kafka, 'relay'),
      producer: {
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 3 },
      },
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Before any module's shutdown, so the relay stops before its store's connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.gathering);
    this.nudged = true;
    this.wake?.();
    await this.loop;
    await this.client.close().catch(() => undefined);
  }

  /** Called after each write so new events leave soon, not at the next poll. */
  nudge(): void {
    if (this.gathering) return;
    const sinceLast = performance.now() - this.lastNudgedAt;
    this.gathering = setTimeout(
      () => {
        this.gathering = undefined;
        this.lastNudgedAt = performance.now();
        this.nudged = true;
        this.wake?.();
      },
      Math.max(GATHER_MS, MIN_NUDGED_INTERVAL_MS - sinceLast),
    );
  }

  /** The relay's view of Kafka, for the health check. */
  state(): { failing: boolean; lastError?: string } {
    return { failing: this.consecutiveFailures > 0, lastError: this.lastError };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        more = await this.relayOnce();
      } catch (error) {
        // The outbox's store (the database or Redis) failed; the events are still there: try
        // again later.
        this.logger.warn(`outbox read failed: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (this.consecutiveFailures > 0) {
        await this.idle(Math.min(250 * 2 ** this.consecutiveFailures, MAX_BACKOFF_MS));
      } else if (!more) {
        await this.idle(this.options.outboxPollMs ?? 1000);
      }
    }
  }

  /** Sends the oldest events; true when more may be waiting. */
  private async relayOnce(): Promise<boolean> {
    // Another replica of the service sends during this window; this one waits for its turn.
    if (!(await this.holdsLease())) return false;
    const batch = await this.outbox.pending(MAX_EVENTS_PER_SEND);
    if (batch.events.length === 0) return false;
    try {
      const producer = await this.producer();
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(batch.events) });
    } catch (error) {
      const message = (error as Error).message;
      if (this.consecutiveFailures === 0) this.logger.warn(`kafka unavailable: ${message}`);
      this.consecutiveFailures += 1;
      this.lastError = message;
      // A failed connect leaves the Nest client in a rejected state; start it afresh next time.
      // The events stay where they are and go first next time.
      await this.client.close().catch(() => undefined);
      return false;
    }
    if (this.consecutiveFailures > 0) this.logger.log('kafka reachable again, outbox draining');
    this.consecutiveFailures = 0;
    this.lastError = undefined;
    await this.outbox.remove(batch.ids);
    return batch.more;
  }

  /** A window's lease never changes hands: once this relay holds it, it asks no more. */
  private async holdsLease(): Promise<boolean> {
    const window = leaseWindow(Date.now());
    if (this.leasedWindow === window) return true;
    if (!(await this.outbox.holdsLease(this.owner, window))) return false;
    this.leasedWindow = window;
    return true;
  }

  private producer(): Promise<Producer> {
    return this.client.connect();
  }

  private async idle(ms: number): Promise<void> {
    if (!this.nudged) {
      const timer = new AbortController();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        sleep(ms, undefined, { signal: timer.signal }).then(resolve, resolve);
      });
      timer.abort();
      this.wake = undefined;
    }
    this.nudged = false;
  }
}

/** Keeps write order inside each topic, which keeps it per key too. */
function groupByTopic(batch: OutboxedEvent[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of batch) {
    const messages = byTopic.get(event.topic) ?? [];
    messages.push({
      key: event.key,
      value: event.value,
      headers: { 'event-id': event.eventId },
    });
    byTopic.set(event.topic, messages);
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}
