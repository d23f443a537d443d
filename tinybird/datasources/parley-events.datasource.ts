import { defineDatasource, engine, type InferRow, t } from '@tinybirdco/sdk';
import { ingestToken } from '../tokens';

/** Every time here is UTC, so hours of the day and day boundaries do not depend on the server. */
const utcMillis = () => t.dateTime64(3, 'UTC');

/**
 * One row per Parley event, as the analytics service receives it from Kafka. The columns the
 * endpoints filter and group by are lifted out of the payload; a chat event's payload is kept as
 * JSON too, so a later endpoint can read a field nobody lifted yet (apps/analytics/src/tinybird/
 * event-row.ts decides what goes in: no names, email addresses or message text).
 */
export const parleyEvents = defineDatasource('parley_events', {
  description: 'Every Parley event, one row each; the analytics endpoints read it.',
  schema: {
    event_id: t.uuid(),
    type: t.string().lowCardinality(),
    version: t.uint16(),
    tenant_id: t.string(),
    /** When the producer published the event (the envelope's `occurredAt`). */
    occurred_at: utcMillis(),
    /**
     * When the fact happened: the payload's own time (createdAt, assignedAt, closedAt, sentAt,
     * at), else `occurred_at`. Every endpoint counts by it.
     */
    happened_at: utcMillis(),
    room_id: t.string(),
    chatbot_id: t.string(),
    /** The assigned agent, the agent who closed the room, the agent who sent the message. */
    agent_id: t.string(),
    sender_type: t.string().lowCardinality(),
    /** Why a room closed: resolved, abandoned, stale or blocked. */
    reason: t.string().lowCardinality(),
    /** The pre-chat answer marked as category, on `chat.chatroom.created`. */
    category: t.string(),
    /** On `chat.chatroom.closed`: when the room was created, so resolution time needs no join. */
    room_created_at: utcMillis().nullable(),
    payload: t.string(),
  },
  // Redelivery (Kafka is at-least-once, and the sink retries whole requests) writes the same
  // event twice with the same sorting key, because every key column comes from the event itself.
  // ReplacingMergeTree keeps one of them when parts merge, and the endpoints read with FINAL
  // (or with min/argMin, which a copy cannot change), so a copy never counts twice even before.
  // The key starts with the tenant and the time: every endpoint reads one tenant's time range.
  engine: engine.replacingMergeTree({
    sortingKey: ['tenant_id', 'happened_at', 'event_id'],
    partitionKey: 'toYYYYMM(happened_at)',
  }),
  // First response looks up a room's creation and first agent message, which may lie before the
  // range; the filter lets those look-ups skip granules without the room.
  indexes: [{ name: 'room_id_bloom', expr: 'room_id', type: 'bloom_filter(0.01)', granularity: 4 }],
  tokens: [{ token: ingestToken, scope: 'APPEND' }],
});

export type ParleyEventRow = InferRow<typeof parleyEvents>;
