import { PERMISSIONS, PLATFORM_PERMISSIONS } from '@app/auth';
import {
  bearer,
  closeRawProducer,
  eventually,
  type SignedIn,
  startTestService,
  TestDirectory,
  testKafka,
  type TestService,
  TestTokenIssuer,
  uniqueSuffix,
} from '@app/testing';
import { Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { type AnalyticsConfig } from '../src/analytics.config';
import { analyticsService } from '../src/analytics.service-definition';
import { ROLLUP_EVENTS } from '../src/rollups/rollup-ingest.service';
import { type Published } from './generated-day';

export type TopicOffsets = Array<{
  topic: string;
  partitions: Array<{ partition: number; offset: string }>;
}>;

/**
 * The analytics service, started for real, with a token issuer and a directory in the tenant
 * service's place (sign-in, JWKS, the tenants and users analytics learns of from events).
 */
export class AnalyticsFixture {
  private producer?: Producer;
  readonly directory: TestDirectory;

  private constructor(
    private readonly tokens: TestTokenIssuer,
    public analytics: TestService<AnalyticsConfig>,
    readonly group: string,
  ) {
    this.directory = new TestDirectory(tokens);
  }

  static async start(overrides: Record<string, string> = {}): Promise<AnalyticsFixture> {
    const tokens = await TestTokenIssuer.start();
    const group = `test-analytics-${uniqueSuffix()}`;
    const analytics = await AnalyticsFixture.startAnalytics(tokens, group, overrides);
    return new AnalyticsFixture(tokens, analytics, group);
  }

  private static startAnalytics(
    tokens: TestTokenIssuer,
    group: string,
    overrides: Record<string, string>,
  ) {
    return startTestService(
      analyticsService,
      {
        ...tokens.env,
        KAFKA_CONSUMER_GROUP: group,
        ANALYTICS_STATUS_GROUPS: `${group},${group}-rollups`,
        // The issuer answers the tenant service's health path; nothing listens at the other.
        ANALYTICS_STATUS_SERVICES: `tenant=${tokens.url}/api/tenant/health,email=http://127.0.0.1:9/health`,
        ...overrides,
      },
      { consumeHistory: 'MONGO_DB' in overrides },
    );
  }

  /**
   * A token for the admin as the tenant service issues it to a user named in
   * `PLATFORM_OPERATORS`: their role's permissions and the platform's.
   */
  operatorToken(admin: SignedIn): string {
    return this.tokens.issue({
      sub: admin.user.id,
      tid: admin.tenant.id,
      name: admin.user.name,
      email: admin.user.email,
      roles: admin.user.roles,
      perms: [...PERMISSIONS, ...PLATFORM_PERMISSIONS],
    });
  }

  get rollupsGroup(): string {
    return `${this.group}-rollups`;
  }

  http() {
    return request(this.analytics.url);
  }

  get(path: string, token: string) {
    return this.http().get(`/api/analytics${path}`).set(bearer(token));
  }

  /** Publishes events as their producers would (keyed, in order per key), in a few batches. */
  async publish(events: Published[]): Promise<void> {
    if (!this.producer) {
      this.producer = testKafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    for (let start = 0; start < events.length; start += 2000) {
      const chunk = events.slice(start, start + 2000);
      const byTopic = new Map<string, Array<{ key: string; value: string }>>();
      for (const { topic, key, event } of chunk) {
        const messages = byTopic.get(topic) ?? [];
        messages.push({ key, value: JSON.stringify(event) });
        byTopic.set(topic, messages);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  }

  /** The current end of every rollup topic. */
  async rollupTopicEnds(): Promise<TopicOffsets> {
    const admin = testKafka.admin();
    await admin.connect();
    try {
      return await Promise.all(
        ROLLUP_EVENTS.map(async ({ topic }) => ({
          topic,
          partitions: (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            partition,
            offset: high,
          })),
        })),
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** Waits until the rollups consumer has committed everything up to `ends`. */
  async rollupsReached(ends: TopicOffsets, timeoutMs = 90_000): Promise<void> {
    const admin = testKafka.admin();
    await admin.connect();
    try {
      await eventually(
        async () => {
          const committed = await admin.fetchOffsets({
            groupId: this.rollupsGroup,
            topics: ends.map(({ topic }) => topic),
          });
          for (const { topic, partitions } of ends)
            for (const { partition, offset } of partitions) {
              const at = committed
                .find((entry) => entry.topic === topic)
                ?.partitions.find((entry) => entry.partition === partition)?.offset;
              if (Number(at ?? -1) < Number(offset))
                throw new Error(`${topic}[${partition}] at ${at}, not yet ${offset}`);
            }
        },
        { timeoutMs },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Stops analytics, moves its rollups consumer back to `starts` and starts it again on the
   * same database: every event since is read a second time.
   */
  async replayFrom(starts: TopicOffsets): Promise<void> {
    const database = this.analytics.config.MONGO_DB;
    await this.analytics.close({ keepDatabase: true });
    const admin = testKafka.admin();
    await admin.connect();
    try {
      for (const { topic, partitions } of starts)
        await admin.setOffsets({ groupId: this.rollupsGroup, topic, partitions });
    } finally {
      await admin.disconnect();
    }
    this.analytics = await AnalyticsFixture.startAnalytics(this.tokens, this.group, {
      MONGO_DB: database,
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    await this.analytics.close();
    await Promise.all([this.tokens.stop(), closeRawProducer()]);
  }
}
