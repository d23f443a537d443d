import { defineEndpoint, type InferOutputRow, type InferParams, node, t } from '@tinybirdco/sdk';
import { readToken } from '../tokens';
import { inRange, rangeParams, tenantAndChatbot } from './range';

/**
 * `AnalyticsQueries.labels`: per label, how often it was put on conversations and taken off in
 * the range (`chat.chatroom.labelled`), most added first.
 */
export const analyticsLabels = defineEndpoint('analytics_labels', {
  description: 'Labels put on conversations and taken off, per label.',
  params: rangeParams,
  nodes: [
    node({
      name: 'labels',
      sql: `
        SELECT JSONExtractString(payload, 'labelId') AS label_id,
          countIf(JSONExtractString(payload, 'change') = 'added') AS added,
          countIf(JSONExtractString(payload, 'change') = 'removed') AS removed
        FROM parley_events FINAL
        WHERE ${tenantAndChatbot} AND ${inRange} AND type = 'chat.chatroom.labelled'
        GROUP BY label_id
        ORDER BY added DESC, label_id ASC`,
    }),
  ],
  output: {
    label_id: t.string(),
    added: t.uint64(),
    removed: t.uint64(),
  },
  tokens: [{ token: readToken, scope: 'READ' }],
});

export type AnalyticsLabelsParams = InferParams<typeof analyticsLabels>;
export type AnalyticsLabelsRow = InferOutputRow<typeof analyticsLabels>;
