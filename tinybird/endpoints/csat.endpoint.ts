import { defineEndpoint, type InferOutputRow, type InferParams, node, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import { rangeParams, tenantAndChatbot } from './range';

/**
 * `AnalyticsQueries.csat`: conversations by their latest rating (`chat.csat.rated` of the highest
 * `revision`), counted when that rating was given in the range, by rating, agent and team (''
 * for none). A replaced rating counts nowhere, as in the local rollups. argMax gives the same
 * answer whether or not a redelivered copy is still there, so this reads without FINAL.
 */
export const analyticsCsat = defineEndpoint('analytics_csat', {
  description: 'CSAT ratings by rating, agent and team: each conversation by its latest rating.',
  params: rangeParams,
  nodes: [
    node({
      name: 'latest_ratings',
      sql: `
        SELECT room_id,
          argMax(toUInt8(JSONExtractUInt(payload, 'rating')), JSONExtractUInt(payload, 'revision')) AS rating,
          argMax(agent_id, JSONExtractUInt(payload, 'revision')) AS agent_id,
          argMax(JSONExtractString(payload, 'teamId'), JSONExtractUInt(payload, 'revision')) AS team_id,
          argMax(happened_at, JSONExtractUInt(payload, 'revision')) AS rated_at
        FROM parley_events
        WHERE ${tenantAndChatbot} AND type = 'chat.csat.rated'
        GROUP BY room_id
        HAVING rated_at >= {{DateTime(start_time)}} AND rated_at < {{DateTime(end_time)}}`,
    }),
    node({
      name: 'csat',
      sql: `
        SELECT rating, agent_id, team_id, count() AS ratings
        FROM latest_ratings
        GROUP BY rating, agent_id, team_id
        ORDER BY rating ASC, agent_id ASC, team_id ASC`,
    }),
  ],
  output: {
    rating: t.uint8(),
    agent_id: t.string(),
    team_id: t.string(),
    ratings: t.uint64(),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsCsatParams = InferParams<typeof analyticsCsat>;
export type AnalyticsCsatRow = InferOutputRow<typeof analyticsCsat>;
