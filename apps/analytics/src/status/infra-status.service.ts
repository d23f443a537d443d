import { InjectConfig } from '@app/config';
import { KafkaAdminService } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';

export interface ServiceHealth {
  name: string;
  status: 'up' | 'down';
  /** What the service's health endpoint said of its parts, or why it could not be reached. */
  detail: unknown;
  latencyMs: number;
}

export interface GroupLag {
  groupId: string;
  /** Messages published and not yet processed by the group, all topics together. */
  lag: number;
  topics: Array<{ topic: string; lag: number }>;
  error?: string;
}

const CACHE_MS = 5_000;

/**
 * The platform's health for the status page: every service's health endpoint and every
 * consumer group's lag, looked up at most every few seconds however many people watch.
 */
@Injectable()
export class InfraStatusService {
  private cached?: { at: number; value: Promise<{ services: ServiceHealth[]; kafka: GroupLag[] }> };

  constructor(
    @InjectConfig() private readonly config: AnalyticsConfig,
    private readonly kafka: KafkaAdminService,
  ) {}

  current() {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      // One after the other: the lag lookups share the Kafka admin connection with this
      // service's own health check, which the first step polls, and would hold it past its timeout.
      const value = (async () => {
        const services = await this.services();
        return { services, kafka: await this.lags() };
      })();
      this.cached = { at: Date.now(), value };
      value.catch(() => (this.cached = undefined));
    }
    return this.cached.value;
  }

  private services(): Promise<ServiceHealth[]> {
    return Promise.all(
      this.config.ANALYTICS_STATUS_SERVICES.map(async ({ name, url }) => {
        const started = Date.now();
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
          const body = (await response.json().catch(() => null)) as { details?: unknown } | null;
          return {
            name,
            status: response.ok ? 'up' : 'down',
            detail: body?.details ?? body,
            latencyMs: Date.now() - started,
          } as const;
        } catch (error) {
          return {
            name,
            status: 'down',
            detail: (error as Error).message,
            latencyMs: Date.now() - started,
          } as const;
        }
      }),
    );
  }

  private lags(): Promise<GroupLag[]> {
    return Promise.all(
      this.config.ANALYTICS_STATUS_GROUPS.map(async (groupId) => {
        try {
          const topics = await this.kafka.consumerLag(groupId);
          return { groupId, lag: topics.reduce((sum, topic) => sum + topic.lag, 0), topics };
        } catch (error) {
          return { groupId, lag: 0, topics: [], error: (error as Error).message };
        }
      }),
    );
  }
}
