import { defineEndpoint, type InferOutputRow, type InferParams, node, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import { inRange, rangeParams, tenantAndChatbot } from './range';

/**
 * `AnalyticsQueries.sla`: one row per target (`dimension` target, `group_key` first_response or
 * resolution) and per team, agent and category (both targets together; `group_key` '' for none), with
 * the targets settled in the range (from `chat.chatroom.closed`'s `sla`), those met, and the
 * breaches found in the range (`chat.sla.breached`).
 */
export const analyticsSla = defineEndpoint('analytics_sla', {
  description: 'SLA targets measured, met and breached, by target, team, agent and category.',
  params: rangeParams,
  nodes: [
    node({
      name: 'sla_facts',
      sql: `
        SELECT 'first_response' AS target, agent_id,
          JSONExtractString(payload, 'sla', 'teamId') AS team_id,
          JSONExtractString(payload, 'sla', 'category') AS category_id,
          1 AS measured, toUInt8(JSONExtractBool(payload, 'sla', 'firstResponseMet')) AS met,
          0 AS breaches
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange} AND type = 'chat.chatroom.closed'
          AND JSONType(payload, 'sla', 'firstResponseMet') = 'Bool'
        UNION ALL
        SELECT 'resolution' AS target, agent_id,
          JSONExtractString(payload, 'sla', 'teamId') AS team_id,
          JSONExtractString(payload, 'sla', 'category') AS category_id,
          1 AS measured, toUInt8(JSONExtractBool(payload, 'sla', 'resolutionMet')) AS met,
          0 AS breaches
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange} AND type = 'chat.chatroom.closed'
          AND JSONType(payload, 'sla', 'resolutionMet') = 'Bool'
        UNION ALL
        SELECT JSONExtractString(payload, 'kind') AS target, agent_id,
          JSONExtractString(payload, 'teamId') AS team_id, category AS category_id,
          0 AS measured, 0 AS met, 1 AS breaches
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange} AND type = 'chat.sla.breached'`,
    }),
    node({
      name: 'sla',
      sql: `
        SELECT dimension, group_key, sum(measured) AS measured, sum(met) AS met, sum(breaches) AS breaches
        FROM sla_facts
        ARRAY JOIN
          ['target', 'team', 'agent', 'category'] AS dimension,
          [target, team_id, agent_id, category_id] AS group_key
        GROUP BY dimension, group_key
        ORDER BY dimension ASC, group_key ASC`,
    }),
  ],
  output: {
    dimension: t.string(),
    group_key: t.string(),
    measured: t.uint64(),
    met: t.uint64(),
    breaches: t.uint64(),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsSlaParams = InferParams<typeof analyticsSla>;
export type AnalyticsSlaRow = InferOutputRow<typeof analyticsSla>;
