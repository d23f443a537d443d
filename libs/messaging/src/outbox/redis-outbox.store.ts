import type Redis from 'ioredis';
import {
  BACKLOG_COUNT_LIMIT,
  LEASE_WINDOW_MS,
  type OutboxBacklog,
  type OutboxedEvent,
  OutboxStore,
  type PendingEvents,
  type SettledEntry,
} from './outbox-store';

/** The Redis stream holding a service's outbox: its length is the events Kafka does not have yet. */
export const outboxStream = (serviceName: string): string => `parley:${serviceName}:outbox`;

/**
 * The outbox as a Redis stream, one entry per event, for a service that publishes an event on
 * its hot path (chat: one per message). An append is one command that shares its write with the
 * others in flight (the client pipelines), where a database row kept the service's own writes
 * waiting on a single-writer store (see docs/benchmarks-history.md). Only the relay deletes entries, once
 * Kafka has them, so Redis must keep its data (append-only file) and must not evict keys.
 */
export class RedisOutboxStore extends OutboxStore {
  private readonly stream: string;

  constructor(
    private readonly redis: Redis,
    serviceName: string,
  ) {
    super();
    this.stream = outboxStream(serviceName);
  }

  async add(event: OutboxedEvent, settles?: SettledEntry): Promise<void> {
    const fields = ['eventId', event.eventId, 'topic', event.topic, 'key', event.key];
    if (!settles) {
      await this.redis.xadd(this.stream, '*', ...fields, 'value', event.value);
      return;
    }
    // One transaction (the keys are on one Redis: Sentinel, not Cluster).
    const replies = await this.redis
      .multi()
      .xadd(this.stream, '*', ...fields, 'value', event.value)
      .zrem(settles.key, settles.member)
      .exec();
    const failed = replies?.find(([error]) => error)?.[0];
    if (!replies || failed) throw failed ?? new Error('outbox transaction discarded');
  }

  /** In stream order: the order the appends reached Redis, whichever replica made them. */
  async pending(max: number): Promise<PendingEvents> {
    const entries = await this.redis.xrange(this.stream, '-', '+', 'COUNT', max);
    return {
      ids: entries.map(([id]) => id),
      events: entries.map(([id, fields]) => eventOf(id, fields)),
      more: entries.length === max,
    };
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.xdel(this.stream, ...ids);
  }

  async holdsLease(owner: string, window: number): Promise<boolean> {
    const key = `${this.stream}:lease:${window}`;
    if ((await this.redis.set(key, owner, 'PX', 3 * LEASE_WINDOW_MS, 'NX')) === 'OK') return true;
    return (await this.redis.get(key)) === owner;
  }

  async backlog(): Promise<OutboxBacklog> {
    const [length, oldest] = await Promise.all([
      this.redis.xlen(this.stream),
      this.redis.xrange(this.stream, '-', '+', 'COUNT', 1),
    ]);
    return {
      pending: Math.min(length, BACKLOG_COUNT_LIMIT),
      more: length > BACKLOG_COUNT_LIMIT,
      // An entry's id starts with the time Redis appended it.
      oldest: oldest[0] && new Date(Number(oldest[0][0].split('-')[0])),
    };
  }
}

/** An entry's fields (name, value, name, value…) as the event `add` wrote them from. */
function eventOf(id: string, fields: string[]): OutboxedEvent {
  const values: Record<string, string | undefined> = Object.fromEntries(
    Array.from({ length: fields.length / 2 }, (_, pair) => [
      fields[2 * pair],
      fields[2 * pair + 1],
    ]),
  );
  const { eventId, topic, key, value } = values;
  if (!eventId || !topic || key === undefined || value === undefined) {
    throw new Error(`outbox entry ${id} is incomplete`);
  }
  return { eventId, topic, key, value };
}
