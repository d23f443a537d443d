import { defineEndpoint, type InferOutputRow, type InferParams, node, p, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import { inRange, rangeParams, tenantAndChatbot } from './range';

/**
 * One row per hour or day of the range, the empty ones included (WITH FILL): what
 * `AnalyticsQueries.timeseries` returns. Steps are whole UTC hours or days; the first step starts
 * at or before `start_time`, and the last one before `end_time`.
 */
export const analyticsTimeseries = defineEndpoint('analytics_timeseries', {
  description: 'Conversations created, closed and abandoned, and messages, per hour or day.',
  params: {
    ...rangeParams,
    interval: p.string().optional('hour').describe("'hour' or 'day'."),
  },
  nodes: [
    node({
      name: 'timeseries',
      sql: `
        WITH if({{String(interval, 'hour')}} = 'day', 86400, 3600) AS step_seconds
        SELECT
          toDateTime(toStartOfInterval(happened_at, toIntervalSecond(step_seconds)), 'UTC') AS at,
          countIf(type = 'chat.chatroom.created') AS created,
          countIf(type = 'chat.chatroom.closed') AS closed,
          countIf(type = 'chat.chatroom.closed' AND reason = 'abandoned') AS abandoned,
          countIf(type = 'chat.message.sent') AS messages
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange}
        GROUP BY at
        ORDER BY at WITH FILL
          FROM toStartOfInterval(
            toDateTime({{DateTime(start_time)}}, 'UTC'), toIntervalSecond(step_seconds))
          TO toDateTime({{DateTime(end_time)}}, 'UTC')
          STEP step_seconds`,
    }),
  ],
  output: {
    /** Start of the step, UTC, `YYYY-MM-DD HH:MM:SS`. */
    at: t.dateTime('UTC'),
    created: t.uint64(),
    closed: t.uint64(),
    abandoned: t.uint64(),
    messages: t.uint64(),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsTimeseriesParams = InferParams<typeof analyticsTimeseries>;
export type AnalyticsTimeseriesRow = InferOutputRow<typeof analyticsTimeseries>;
