/**
 * What the soak reads of the stack at every sample, besides the processes' CPU: Redis's memory
 * and what waits in it for Kafka (chat's outbox stream and its ledger of messages whose event
 * may not be in the outbox yet), the consumer groups' lag, and each service's event-loop delay
 * (its internal endpoint, on its own port: nginx does not serve it).
 */
import { groupLag, outboxStream } from '@app/messaging';
import Redis from 'ioredis';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { redisKeys } from '../../apps/chat/src/redis-keys';
import { type EventLoopDelay } from '../../libs/platform/src/metrics/event-loop-delay';
import { EVENT_LOOP_DELAY_PATH } from '../../libs/platform/src/metrics/internal-metrics';

export interface RedisFigures {
  /** INFO memory: what Redis allocated for its data (`used_memory`), and its resident memory. */
  usedMemoryMb: number;
  usedMemoryRssMb: number;
  keys: number;
  /** Chat's outbox stream: events stored and not yet relayed to Kafka. */
  outboxBacklog: number;
  /** How long the oldest of them has waited, in ms (0 when none waits). */
  outboxOldestAgeMs: number;
  /** Messages whose `chat.message.sent` may not have reached the outbox yet (MessageSentEvents). */
  unpublishedMessages: number;
}

/** Consumer groups the benchmark's set-up left behind (TopicProbe's), not the services'. */
const PROBE_GROUP = /^test-probe-/;

const megabytes = (bytes: number) => Math.round((bytes / 1048576) * 100) / 100;

export class StackProbes {
  private constructor(
    private readonly redis: Redis,
    private readonly admin: Admin,
    private readonly chatDatabase: string,
  ) {}

  static async connect(options: {
    redisUrl: string;
    brokers: string[];
    chatDatabase: string;
  }): Promise<StackProbes> {
    // A sample must not hang on a Redis that stopped answering.
    const redis = new Redis(options.redisUrl, { commandTimeout: 5000, maxRetriesPerRequest: 1 });
    const admin = new Kafka({ brokers: options.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    return new StackProbes(redis, admin, options.chatDatabase);
  }

  async redisFigures(): Promise<RedisFigures> {
    const stream = outboxStream('chat');
    const [memory, keys, outboxBacklog, oldest, unpublishedMessages] = await Promise.all([
      this.redis.info('memory'),
      this.redis.dbsize(),
      this.redis.xlen(stream),
      this.redis.xrange(stream, '-', '+', 'COUNT', 1),
      this.redis.zcard(redisKeys.unpublishedMessages(this.chatDatabase)),
    ]);
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(memory)?.[1]);
    // An entry's id starts with the time Redis appended it.
    const oldestAt = oldest[0] ? Number(oldest[0][0].split('-')[0]) : undefined;
    return {
      usedMemoryMb: megabytes(field('used_memory')),
      usedMemoryRssMb: megabytes(field('used_memory_rss')),
      keys,
      outboxBacklog,
      outboxOldestAgeMs: oldestAt === undefined ? 0 : Math.max(0, Date.now() - oldestAt),
      unpublishedMessages,
    };
  }

  /** Each service consumer group's lag, all its topics together. */
  async kafkaLag(): Promise<Record<string, number>> {
    const { groups } = await this.admin.listGroups();
    const ids = groups.map((group) => group.groupId).filter((id) => !PROBE_GROUP.test(id));
    const lags = await Promise.all(ids.map((id) => groupLag(this.admin, id)));
    return Object.fromEntries(
      ids
        .map((id, index) => [id, lags[index].reduce((sum, topic) => sum + topic.lag, 0)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.admin.disconnect().catch(() => undefined);
  }
}

/** A service's event-loop delay since the previous read, from its own port. */
export async function eventLoopDelay(serviceUrl: string): Promise<EventLoopDelay> {
  const response = await fetch(`${serviceUrl}${EVENT_LOOP_DELAY_PATH}`, {
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`${EVENT_LOOP_DELAY_PATH}: ${response.status}`);
  return (await response.json()) as EventLoopDelay;
}
