import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { KafkaAdminService } from './kafka-admin.service';
import { OutboxStore } from './outbox/outbox-store';

/** Kafka is up when a broker answers a metadata request; the outbox backlog is shown either way. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly admin: KafkaAdminService,
    private readonly outbox: OutboxStore,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    const backlog = await this.outbox.backlog().catch(() => undefined);
    const outbox = backlog && {
      pending: backlog.pending,
      ...(backlog.more ? { pendingMore: true } : {}),
      oldestPendingAt: backlog.oldest?.toISOString(),
    };
    try {
      const { brokers } = await this.admin.ping();
      return indicator.up({ brokers, outbox });
    } catch (error) {
      return indicator.down({ message: (error as Error).message, outbox });
    }
  }
}
