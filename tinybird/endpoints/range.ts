import { node, p } from '@tinybirdco/sdk';

/**
 * What every analytics endpoint is asked: one tenant, a time range, perhaps one chatbot.
 * Not `from`/`to`: Tinybird's templates are Python expressions, and `from` is a Python keyword.
 */
export const rangeParams = {
  tenant_id: p.string().required().describe('Only the events of this tenant.'),
  start_time: p
    .dateTime()
    .required()
    .describe('Start of the range, UTC, inclusive, as YYYY-MM-DD HH:MM:SS.'),
  end_time: p
    .dateTime()
    .required()
    .describe('End of the range, UTC, exclusive, as YYYY-MM-DD HH:MM:SS.'),
  chatbot_id: p.string().optional().describe('Only conversations of this chatbot.'),
};

/** The tenant, and the chatbot when one is asked for. */
export const tenantAndChatbot = `
  tenant_id = {{String(tenant_id)}}
  {% if defined(chatbot_id) %} AND chatbot_id = {{String(chatbot_id)}} {% end %}`;

export const inRange = `
  happened_at >= {{DateTime(start_time)}} AND happened_at < {{DateTime(end_time)}}`;

/** Before the end of the range: where earlier facts about a room (its creation) are looked up. */
export const beforeEnd = `happened_at < {{DateTime(end_time)}}`;

/**
 * Whole seconds from `earlier` to `later`, rounded half up and never negative: as the local
 * rollups count them (apps/analytics/src/rollups/rollup-time.ts), so both give the same figures.
 */
const seconds = (later: string, earlier: string) =>
  `toFloat64(greatest(0, intDiv(toUnixTimestamp64Milli(${later}) - toUnixTimestamp64Milli(${earlier}) + 500, 1000)))`;

/**
 * `<name>_count`, `<name>_p50` and `<name>_p90` of a number of seconds, for the rows aggregated.
 * quantileExact takes the value at position floor(level × count) of the sorted values, as the
 * local rollups do (apps/analytics/src/rollups/durations.ts); with no rows the percentiles
 * are NULL rather than a made-up zero.
 */
export function distributionColumns(name: string, value: string): string {
  const percentile = (level: number) => `if(count() = 0, NULL, quantileExact(${level})(${value}))`;
  return `
    count() AS ${name}_count,
    ${percentile(0.5)} AS ${name}_p50,
    ${percentile(0.9)} AS ${name}_p90`;
}

/**
 * Nodes that end in `first_responses`: one row per conversation whose first agent message (from
 * a known agent) was sent in the range, with that agent and the seconds since the creation.
 * Both the first message and the creation may need rows from before the range, so they are
 * looked up by room, only for the rooms an agent wrote in during the range. min and argMin give
 * the same answer whether or not a redelivered copy is still there, so these read without FINAL.
 */
export const firstResponseNodes = [
  node({
    name: 'rooms_answered_in_range',
    sql: `
      SELECT DISTINCT room_id
      FROM parley_events
      WHERE ${tenantAndChatbot} AND ${inRange}
        AND type = 'chat.message.sent' AND sender_type = 'agent' AND agent_id != ''`,
  }),
  node({
    name: 'first_agent_messages',
    sql: `
      SELECT room_id, min(happened_at) AS answered_at, argMin(agent_id, happened_at) AS answered_by
      FROM parley_events
      WHERE ${tenantAndChatbot} AND ${beforeEnd}
        AND type = 'chat.message.sent' AND sender_type = 'agent' AND agent_id != ''
        AND room_id IN (SELECT room_id FROM rooms_answered_in_range)
      GROUP BY room_id
      HAVING answered_at >= {{DateTime(start_time)}}`,
  }),
  node({
    name: 'first_responses',
    sql: `
      SELECT answer.room_id AS room_id, answer.answered_by AS agent_id,
        ${seconds('answer.answered_at', 'creation.created_at')} AS seconds
      FROM first_agent_messages AS answer
      INNER JOIN (
        SELECT room_id, min(happened_at) AS created_at
        FROM parley_events
        WHERE ${tenantAndChatbot} AND ${beforeEnd}
          AND type = 'chat.chatroom.created'
          AND room_id IN (SELECT room_id FROM rooms_answered_in_range)
        GROUP BY room_id
      ) AS creation ON creation.room_id = answer.room_id`,
  }),
];

/** Seconds from a room's creation to its closing, on a `chat.chatroom.closed` row. */
export const secondsOpen = seconds('happened_at', 'assumeNotNull(room_created_at)');
