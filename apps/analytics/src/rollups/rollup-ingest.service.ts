import { InjectConfig } from '@app/config';
import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  type EventDefinition,
  type EventOf,
  MessageSentV1,
} from '@app/contracts';
import { EventBatchStream, type PartitionBatch } from '@app/messaging';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { ActivityStore } from './activity-store';
import { asFieldName } from './field-names';
import { type CounterStep, RollupStore } from './rollup-store';
import { dayOf, hourOf, secondsBetween } from './rollup-time';

/** The events the rollups are made of. */
export const ROLLUP_EVENTS: EventDefinition[] = [
  ChatroomCreatedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  MessageSentV1,
  AgentPresenceChangedV1,
];

/** Entries to set, per tenant day. */
class DayEntries {
  private readonly byDay = new Map<
    string,
    { tenantId: string; day: string; entries: Record<string, object> }
  >();

  add(tenantId: string, at: Date, field: string, entry: object): void {
    const day = dayOf(at);
    const key = `${tenantId}:${day}`;
    const bucket = this.byDay.get(key) ?? { tenantId, day, entries: {} };
    bucket.entries[field] = entry;
    this.byDay.set(key, bucket);
  }

  buckets() {
    return [...this.byDay.values()];
  }
}

/**
 * Keeps the rollups: reads the chat topics a partition batch at a time (its own consumer group)
 * and turns each batch into a few writes per tenant day. Replaying any part of any topic
 * changes nothing (see RollupStore).
 */
@Injectable()
export class RollupIngest implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly stream: EventBatchStream;

  constructor(
    @InjectConfig() config: AnalyticsConfig,
    private readonly store: RollupStore,
    private readonly activity: ActivityStore,
  ) {
    this.stream = new EventBatchStream({
      name: 'rollups',
      kafka: config,
      events: ROLLUP_EVENTS,
      handle: (batch) => this.apply(batch),
    });
  }

  get groupId(): string {
    return this.stream.groupId;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream.stop();
  }

  async apply(batch: PartitionBatch): Promise<void> {
    const entries = new DayEntries();
    switch (batch.topic) {
      case ChatroomCreatedV1.topic:
        await this.created(batch, entries);
        break;
      case ChatroomAssignedV1.topic:
        for (const { event } of batch.events as Array<{
          event: EventOf<typeof ChatroomAssignedV1>;
        }>) {
          const { roomId, chatbotId, agentId, assignedAt } = event.payload;
          const at = new Date(assignedAt);
          entries.add(event.tenantId, at, `assigned.${asFieldName(`${roomId}~${agentId}`)}`, {
            h: hourOf(at),
            b: chatbotId,
            a: agentId,
          });
        }
        break;
      case ChatroomClosedV1.topic:
        for (const { event } of batch.events as Array<{
          event: EventOf<typeof ChatroomClosedV1>;
        }>) {
          const { roomId, chatbotId, reason, agentId, createdAt, closedAt } = event.payload;
          const at = new Date(closedAt);
          entries.add(event.tenantId, at, `closed.${asFieldName(roomId)}`, {
            h: hourOf(at),
            b: chatbotId,
            r: reason,
            s: secondsBetween(createdAt, closedAt),
            ...(agentId ? { a: agentId } : {}),
          });
        }
        break;
      case MessageSentV1.topic:
        await this.messages(batch, entries);
        break;
      case AgentPresenceChangedV1.topic:
        for (const { event } of batch.events as Array<{
          event: EventOf<typeof AgentPresenceChangedV1>;
        }>)
          await this.activity.recordPresence(event.tenantId, event.payload);
        break;
    }
    await Promise.all(
      entries
        .buckets()
        .map((bucket) => this.store.setEntries(bucket.tenantId, bucket.day, bucket.entries)),
    );
  }

  private async created(batch: PartitionBatch, entries: DayEntries): Promise<void> {
    const lastSessions = new Map<string, { tenantId: string; chatbotId: string; at: Date }>();
    for (const { event } of batch.events as Array<{ event: EventOf<typeof ChatroomCreatedV1> }>) {
      const { roomId, chatbotId, category, createdAt } = event.payload;
      const at = new Date(createdAt);
      entries.add(event.tenantId, at, `created.${asFieldName(roomId)}`, {
        h: hourOf(at),
        b: chatbotId,
        ...(category ? { c: category } : {}),
      });
      const last = lastSessions.get(chatbotId);
      if (!last || last.at < at)
        lastSessions.set(chatbotId, { tenantId: event.tenantId, chatbotId, at });
    }
    await Promise.all(
      [...lastSessions.values()].map((session) =>
        this.activity.recordSession(session.tenantId, session.chatbotId, session.at),
      ),
    );
  }

  private async messages(batch: PartitionBatch, entries: DayEntries): Promise<void> {
    const counters = new Map<string, { tenantId: string; day: string; steps: CounterStep[] }>();
    for (const { event, offset } of batch.events as Array<{
      event: EventOf<typeof MessageSentV1>;
      offset: string;
    }>) {
      const { chatbotId, sender, sentAt, roomId, roomCreatedAt, firstAgentReply } = event.payload;
      const at = new Date(sentAt);
      const day = dayOf(at);
      const who = sender.type === 'agent' ? `agent:${sender.id ?? 'unknown'}` : sender.type;
      const key = `${event.tenantId}:${day}`;
      const counter = counters.get(key) ?? { tenantId: event.tenantId, day, steps: [] };
      counter.steps.push({
        path: `messages.${asFieldName(chatbotId)}.${hourOf(at)}.${asFieldName(who)}`,
        offset: Number(offset),
      });
      counters.set(key, counter);
      if (firstAgentReply && roomCreatedAt && sender.id)
        entries.add(event.tenantId, at, `replied.${asFieldName(roomId)}`, {
          h: hourOf(at),
          b: chatbotId,
          s: secondsBetween(roomCreatedAt, sentAt),
          a: sender.id,
        });
    }
    await Promise.all(
      [...counters.values()].map((counter) =>
        this.store.addToCounters(counter.tenantId, counter.day, batch.partition, counter.steps),
      ),
    );
  }
}
