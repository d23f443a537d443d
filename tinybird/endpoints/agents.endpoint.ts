import { defineEndpoint, type InferOutputRow, type InferParams, node, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import {
  distributionColumns,
  firstResponseNodes,
  inRange,
  rangeParams,
  tenantAndChatbot,
} from './range';

/** One row per agent active in the range, most messages first: `AnalyticsQueries.agents`. */
export const analyticsAgents = defineEndpoint('analytics_agents', {
  description: 'Messages, assignments, resolutions and first responses of each agent.',
  params: rangeParams,
  nodes: [
    node({
      name: 'agent_activity',
      sql: `
        SELECT agent_id,
          countIf(type = 'chat.message.sent') AS messages,
          -- Conversations, not assignments: an agent who takes a room again still has one.
          uniqExactIf(room_id, type = 'chat.chatroom.assigned') AS assigned,
          countIf(type = 'chat.chatroom.closed' AND reason = 'resolved') AS resolved
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange} AND agent_id != ''
          AND (
            (type = 'chat.message.sent' AND sender_type = 'agent')
            OR type IN ('chat.chatroom.assigned', 'chat.chatroom.closed')
          )
        GROUP BY agent_id
        HAVING messages + assigned + resolved > 0`,
    }),
    ...firstResponseNodes,
    node({
      name: 'first_responses_by_agent',
      sql: `
        SELECT agent_id, ${distributionColumns('first_response', 'seconds')}
        FROM first_responses
        GROUP BY agent_id`,
    }),
    node({
      // A first response is an agent message in the range, so its agent is always in
      // agent_activity: a LEFT JOIN loses nobody.
      name: 'agents',
      sql: `
        SELECT activity.agent_id AS agent_id, messages, assigned, resolved,
          first_response_count, first_response_p50, first_response_p90
        FROM agent_activity AS activity
        LEFT JOIN first_responses_by_agent AS responses ON responses.agent_id = activity.agent_id
        ORDER BY messages DESC, agent_id ASC`,
    }),
  ],
  output: {
    agent_id: t.string(),
    messages: t.uint64(),
    assigned: t.uint64(),
    resolved: t.uint64(),
    first_response_count: t.uint64(),
    first_response_p50: t.float64().nullable(),
    first_response_p90: t.float64().nullable(),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsAgentsParams = InferParams<typeof analyticsAgents>;
export type AnalyticsAgentsRow = InferOutputRow<typeof analyticsAgents>;
