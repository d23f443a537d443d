import { InjectConfig } from '@app/config';
import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  type EventDefinition,
  type EventEnvelope,
  type EventOf,
  MessageSentV1,
} from '@app/contracts';
import { EventBatchStream, type PartitionBatch } from '@app/messaging';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { ActivityStore } from './activity-store';
import { durationBucket } from './durations';
import { counterName } from './counter-names';
import { type RollupSource } from './day-rollup.schema';
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

/** The counters (see counter-names.ts) an event adds one to, and the moment that decides its day. */
type Counting<E> = (event: E) => { at: string; counters: string[] };

const countCreated: Counting<EventOf<typeof ChatroomCreatedV1>> = ({ payload }) => {
  const counters = [counterName('created', payload.chatbotId, hourOf(new Date(payload.createdAt)))];
  if (payload.category) counters.push(counterName('category', payload.chatbotId, payload.category));
  return { at: payload.createdAt, counters };
};

const countAssigned: Counting<EventOf<typeof ChatroomAssignedV1>> = ({ payload }) => ({
  at: payload.assignedAt,
  counters: [counterName('assigned', payload.chatbotId, payload.agentId)],
});

const countClosed: Counting<EventOf<typeof ChatroomClosedV1>> = ({ payload }) => {
  const hour = hourOf(new Date(payload.closedAt));
  const counters = [counterName('closed', payload.chatbotId, hour, payload.reason)];
  if (payload.reason === 'resolved') {
    const open = secondsBetween(payload.createdAt, payload.closedAt);
    counters.push(counterName('resolution', payload.chatbotId, durationBucket(open)));
    if (payload.agentId) counters.push(counterName('resolved', payload.chatbotId, payload.agentId));
  }
  return { at: payload.closedAt, counters };
};

const countMessage: Counting<EventOf<typeof MessageSentV1>> = ({ payload }) => {
  const { sender, chatbotId } = payload;
  const who = sender.type === 'agent' ? `agent:${sender.id ?? 'unknown'}` : sender.type;
  const counters = [counterName('messages', chatbotId, hourOf(new Date(payload.sentAt)), who)];
  if (payload.firstAgentReply && payload.roomCreatedAt && sender.id) {
    const waited = secondsBetween(payload.roomCreatedAt, payload.sentAt);
    counters.push(counterName('firstResponse', chatbotId, sender.id, durationBucket(waited)));
  }
  return { at: payload.sentAt, counters };
};

const COUNTING: Record<string, { source: RollupSource; count: Counting<never> }> = {
  [ChatroomCreatedV1.topic]: { source: 'created', count: countCreated },
  [ChatroomAssignedV1.topic]: { source: 'assigned', count: countAssigned },
  [ChatroomClosedV1.topic]: { source: 'closed', count: countClosed },
  [MessageSentV1.topic]: { source: 'messages', count: countMessage },
};

/**
 * Keeps the rollups: reads the chat topics a partition batch at a time (its own consumer group)
 * and turns each batch into one counter update per tenant day it touches. Replaying any part of
 * any topic changes nothing (see RollupStore).
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

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stream.stop();
  }

  async apply(batch: PartitionBatch): Promise<void> {
    if (batch.topic === AgentPresenceChangedV1.topic) {
      for (const { event } of batch.events as Array<{
        event: EventOf<typeof AgentPresenceChangedV1>;
      }>)
        await this.activity.recordPresence(event.tenantId, event.payload);
      return;
    }
    const { source, count } = COUNTING[batch.topic] as {
      source: RollupSource;
      count: Counting<EventEnvelope>;
    };
    const days = new Map<string, { tenantId: string; day: string; steps: CounterStep[] }>();
    for (const { event, offset } of batch.events) {
      const { at, counters: names } = count(event);
      const day = dayOf(new Date(at));
      const key = `${event.tenantId}:${day}`;
      const counters = days.get(key) ?? { tenantId: event.tenantId, day, steps: [] };
      for (const counter of names) counters.steps.push({ counter, offset: Number(offset) });
      days.set(key, counters);
    }
    await Promise.all(
      [...days.values()].map((counters) =>
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
