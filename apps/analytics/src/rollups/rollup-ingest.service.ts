import { InjectConfig } from '@app/config';
import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomLabelledV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  CsatRatedV1,
  type EventDefinition,
  type EventOf,
  MessageSentV1,
  SlaBreachedV1,
} from '@app/contracts';
import { EventBatchStream, type PartitionBatch } from '@app/messaging';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { RecentEventIds } from './recent-event-ids';
import { ActivityRepository } from './activity.repository';
import { stepsOfBatch } from './event-counters';
import { RollupStore } from './rollup.store';

/** The events the rollups are made of. */
export const ROLLUP_EVENTS: EventDefinition[] = [
  ChatroomCreatedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  MessageSentV1,
  AgentPresenceChangedV1,
  SlaBreachedV1,
  ChatroomLabelledV1,
  CsatRatedV1,
];

/**
 * Keeps the rollups: reads the chat topics a partition batch at a time (its own consumer group)
 * and turns each batch into one counter update per tenant day it touches (see event-counters.ts). Replaying any part of
 * any topic changes nothing (see RollupStore).
 */
@Injectable()
export class RollupIngestService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly stream: EventBatchStream;
  private readonly recent = new RecentEventIds();

  constructor(
    @InjectConfig() config: AnalyticsConfig,
    private readonly store: RollupStore,
    private readonly activity: ActivityRepository,
  ) {
    this.stream = new EventBatchStream({
      name: 'rollups',
      kafka: config,
      events: ROLLUP_EVENTS,
      handle: (batch) => this.apply(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream.stop();
  }

  async apply(received: PartitionBatch): Promise<void> {
    const batch = {
      ...received,
      events: this.recent.firstSeen(received.topic, received.partition, received.events),
    };
    await this.count(batch);
    this.recent.counted(batch.topic, batch.partition, batch.events);
  }

  private async count(batch: PartitionBatch): Promise<void> {
    if (batch.topic === AgentPresenceChangedV1.topic) {
      for (const { event } of batch.events as Array<{
        event: EventOf<typeof AgentPresenceChangedV1>;
      }>)
        await this.activity.recordPresence(event.tenantId, event.payload);
      return;
    }
    const { source, days } = stepsOfBatch(batch.topic, batch.events);
    await Promise.all(
      days.map((counters) =>
        this.store.addToCounters(
          counters.tenantId,
          counters.day,
          { name: source, partition: batch.partition },
          counters.steps,
        ),
      ),
    );
    if (batch.topic === ChatroomCreatedV1.topic) await this.recordSessions(batch);
  }

  /** Each chatbot's latest visitor session in the batch (the status page shows it). */
  private async recordSessions(batch: PartitionBatch): Promise<void> {
    const latest = new Map<string, { tenantId: string; at: Date }>();
    for (const { event } of batch.events as Array<{ event: EventOf<typeof ChatroomCreatedV1> }>) {
      const at = new Date(event.payload.createdAt);
      const known = latest.get(event.payload.chatbotId);
      if (!known || known.at < at)
        latest.set(event.payload.chatbotId, { tenantId: event.tenantId, at });
    }
    await Promise.all(
      [...latest].map(([chatbotId, session]) =>
        this.activity.recordSession(session.tenantId, chatbotId, session.at),
      ),
    );
  }
}
