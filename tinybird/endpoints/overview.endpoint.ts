import { defineEndpoint, type InferOutputRow, type InferParams, node, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import {
  distributionColumns,
  firstResponseNodes,
  inRange,
  rangeParams,
  secondsOpen,
  tenantAndChatbot,
} from './range';

const count = () => t.uint64();
const seconds = () => t.float64().nullable();

/**
 * A one-row node: conversations created in the range by `column`, as two arrays in the same
 * order (most first, then by key), `<prefix>_keys` and `<prefix>_created`. Two plain arrays
 * rather than an array of tuples, whose JSON (arrays or objects) depends on the ClickHouse
 * version and settings.
 */
function breakdownNode(name: string, column: string, prefix: string) {
  return node({
    name,
    sql: `
      SELECT
        arrayMap(entry -> entry.1, sorted) AS ${prefix}_keys,
        arrayMap(entry -> entry.2, sorted) AS ${prefix}_created
      FROM (
        SELECT arraySort(entry -> (-toInt64(entry.2), entry.1),
          groupArray((${column}, conversations))) AS sorted
        FROM (
          SELECT ${column}, count() AS conversations
          FROM events_in_range
          WHERE type = 'chat.chatroom.created' AND ${column} != ''
          GROUP BY ${column}
        )
      )`,
  });
}

/** A whole range in one row: what `AnalyticsQueries.overview` returns. */
export const analyticsOverview = defineEndpoint('analytics_overview', {
  description: 'Conversations, response times and messages of one tenant in a time range.',
  params: rangeParams,
  nodes: [
    node({
      name: 'events_in_range',
      sql: `
        SELECT type, chatbot_id, sender_type, reason, category, happened_at, room_created_at
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange}`,
    }),
    node({
      name: 'conversation_figures',
      sql: `
        SELECT
          countIf(type = 'chat.chatroom.created') AS created,
          countIf(type = 'chat.chatroom.closed') AS closed,
          countIf(type = 'chat.chatroom.closed' AND reason = 'resolved') AS resolved,
          countIf(type = 'chat.chatroom.closed' AND reason = 'abandoned') AS abandoned,
          countIf(type = 'chat.chatroom.closed' AND reason = 'stale') AS stale,
          countIf(type = 'chat.chatroom.closed' AND reason = 'blocked') AS blocked,
          countIf(type = 'chat.message.sent' AND sender_type = 'visitor') AS visitor_messages,
          countIf(type = 'chat.message.sent' AND sender_type = 'agent') AS agent_messages,
          countIf(type = 'chat.message.sent' AND sender_type = 'system') AS system_messages,
          groupArrayIf(toHour(happened_at), type = 'chat.chatroom.created') AS created_hours,
          arrayMap(hour -> toUInt64(countEqual(created_hours, hour)), range(24)) AS created_by_hour
        FROM events_in_range`,
    }),
    node({
      name: 'resolution_figures',
      sql: `
        SELECT ${distributionColumns('resolution', secondsOpen)}
        FROM events_in_range
        WHERE type = 'chat.chatroom.closed' AND reason = 'resolved'
          AND room_created_at IS NOT NULL`,
    }),
    ...firstResponseNodes,
    node({
      name: 'first_response_figures',
      sql: `SELECT ${distributionColumns('first_response', 'seconds')} FROM first_responses`,
    }),
    breakdownNode('created_by_chatbot', 'chatbot_id', 'chatbot'),
    breakdownNode('created_by_category', 'category', 'category'),
    node({
      name: 'overview',
      sql: `
        SELECT
          created, closed, resolved, abandoned, stale, blocked,
          first_response_count, first_response_p50, first_response_p90,
          resolution_count, resolution_p50, resolution_p90,
          visitor_messages, agent_messages, system_messages,
          chatbot_keys, chatbot_created, category_keys, category_created,
          created_by_hour
        FROM conversation_figures, first_response_figures, resolution_figures,
          created_by_chatbot, created_by_category`,
    }),
  ],
  output: {
    created: count(),
    closed: count(),
    resolved: count(),
    abandoned: count(),
    stale: count(),
    blocked: count(),
    first_response_count: count(),
    first_response_p50: seconds(),
    first_response_p90: seconds(),
    resolution_count: count(),
    resolution_p50: seconds(),
    resolution_p90: seconds(),
    visitor_messages: count(),
    agent_messages: count(),
    system_messages: count(),
    /** Chatbots with conversations created, most first; `chatbot_created` in the same order. */
    chatbot_keys: t.array(t.string()),
    chatbot_created: t.array(t.uint64()),
    /** Categories (conversations without one are left out), most first. */
    category_keys: t.array(t.string()),
    category_created: t.array(t.uint64()),
    /** 24 counts: conversations created in each hour of the day (UTC), hour 0 first. */
    created_by_hour: t.array(t.uint64()),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsOverviewParams = InferParams<typeof analyticsOverview>;
export type AnalyticsOverviewRow = InferOutputRow<typeof analyticsOverview>;
