/** An event as it will be written to Kafka. */
export interface OutboxedEvent {
  eventId: string;
  topic: string;
  key: string;
  /** The serialised envelope, exactly as it will be written to Kafka. */
  value: string;
}

/**
 * A Redis sorted-set entry that an event settles (a ledger of events owed): removed in the same
 * step as the event is stored, so that no crash leaves the event stored and still owed, which
 * would have it published twice. Only the Redis outbox takes one.
 */
export interface SettledEntry {
  key: string;
  member: string;
}

/** The oldest events waiting, in the order they were published. */
export interface PendingEvents {
  /** What to hand back to `remove` once Kafka has the events. */
  ids: string[];
  events: OutboxedEvent[];
  /** More events may be waiting behind these. */
  more: boolean;
}

export interface OutboxBacklog {
  /** Events waiting, counted up to BACKLOG_COUNT_LIMIT. */
  pending: number;
  /** More than `pending` wait. */
  more: boolean;
  oldest?: Date;
}

/** The backlog a health check reports is counted up to this many events. */
export const BACKLOG_COUNT_LIMIT = 1000;

/** How long a relay holds the outbox; a crashed relay's turn simply runs out. */
export const LEASE_WINDOW_MS = 10_000;

/** The lease window a moment falls in. */
export const leaseWindow = (now: number): number => Math.floor(now / LEASE_WINDOW_MS);

/**
 * Where a service's events wait for Kafka: in its own database (MongoOutboxStore), or, for chat,
 * whose every message publishes one, in Redis (RedisOutboxStore). Only one relay of a service
 * sends at a time (a lease per time window), so reading needs no claim.
 */
export abstract class OutboxStore {
  /** Resolves once the event is stored (and the entry it settles removed, in the same step). */
  abstract add(event: OutboxedEvent, settles?: SettledEntry): Promise<void>;

  /**
   * The oldest events, in the order they were published: up to `max`, or one group stored
   * together if that alone holds more.
   */
  abstract pending(max: number): Promise<PendingEvents>;

  /** Forgets events Kafka has. */
  abstract remove(ids: string[]): Promise<void>;

  /** True when this relay sends during the window (it took the window first). */
  abstract holdsLease(owner: string, window: number): Promise<boolean>;

  abstract backlog(): Promise<OutboxBacklog>;
}
