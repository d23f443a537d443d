import { type KafkaConfig } from '@app/config';
import { allTopics } from '@app/contracts';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type Admin, Kafka } from 'kafkajs';
import { kafkaClientConfig } from './kafka-options';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/** The one kafkajs admin connection of a service: topic creation and the health probe. */
@Injectable()
export class KafkaAdminService implements OnModuleDestroy {
  private readonly logger = new Logger(KafkaAdminService.name);
  private readonly kafka: Kafka;
  private admin?: Admin;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.kafka = new Kafka({
      ...kafkaClientConfig(options.kafka, 'admin'),
      // The health probe must answer within a second or two, so retry little here.
      retry: { initialRetryTime: 200, maxRetryTime: 1000, retries: 1 },
    });
  }

  /** Creates every topic of the contracts that the cluster does not have yet. */
  async ensureTopics(topics: string[] = allTopics()): Promise<string[]> {
    const config: KafkaConfig = this.options.kafka;
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        })),
      });
    } catch (error) {
      // Another service may have created some of them at the same moment; only a topic still
      // missing afterwards is a failure.
      const after = new Set(await admin.listTopics());
      if (missing.some((topic) => !after.has(topic))) throw error;
    }
    this.logger.log(`created topics: ${missing.join(', ')}`);
    return missing;
  }

  /** Resolves when a broker answers a metadata request; rejects with the reason otherwise. */
  async ping(timeoutMs = 2500): Promise<{ brokers: number }> {
    const probe = (async () => {
      const admin = await this.connected();
      const cluster = await admin.describeCluster();
      return { brokers: cluster.brokers.length };
    })();
    return withTimeout(probe, timeoutMs, 'kafka did not answer');
  }

  /** How far a consumer group is behind, per topic (see `groupLag`). */
  async consumerLag(groupId: string): Promise<Array<{ topic: string; lag: number }>> {
    return groupLag(await this.connected(), groupId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      this.admin = admin;
    }
    return this.admin;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * How far a consumer group is behind, per topic: the sum over partitions of the partition's
 * end minus the group's committed offset (a partition it never committed counts from its
 * start). Without `topics`, every topic the group has committed offsets for.
 */
export async function groupLag(
  admin: Admin,
  groupId: string,
  topics?: string[],
): Promise<Array<{ topic: string; lag: number }>> {
  const committed = await admin.fetchOffsets(topics ? { groupId, topics } : { groupId });
  return Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const ends = await admin.fetchTopicOffsets(topic);
      const lag = ends.reduce((total, end) => {
        const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        return total + Math.max(0, Number(end.high) - (at >= 0 ? at : Number(end.low)));
      }, 0);
      return { topic, lag };
    }),
  );
}
