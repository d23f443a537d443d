import {
  type AgentsReport,
  type Jsonified,
  type OverviewReport,
  type TimeseriesReport,
} from '@app/contracts';
import { z } from 'zod';

/** The bodies the analytics routes answer, for the OpenAPI document (see `ApiAnswer`). */
const count = z.int().min(0);
const distribution = z.object({
  count,
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});

const rangeView = {
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  chatbotId: z.string().nullable(),
};

export const overviewFigures = z.object({
  conversations: z.object({
    created: count,
    closed: count,
    resolved: count,
    abandoned: count,
    stale: count,
    blocked: count,
  }),
  firstResponseSeconds: distribution,
  resolutionSeconds: distribution,
  messages: z.object({ visitor: count, agent: count, system: count }),
  byChatbot: z.array(z.object({ chatbotId: z.string(), created: count })),
  byCategory: z.array(z.object({ category: z.string(), created: count })),
  hoursOfDay: z.array(z.object({ hour: z.int().min(0).max(23), created: count })),
});

export const overviewAnswer = overviewFigures.extend(rangeView) satisfies z.ZodType<
  Jsonified<OverviewReport>
>;

export const timeseriesAnswer = z.object({
  ...rangeView,
  interval: z.enum(['hour', 'day']),
  points: z.array(
    z.object({
      at: z.iso.datetime(),
      created: count,
      closed: count,
      abandoned: count,
      messages: count,
    }),
  ),
}) satisfies z.ZodType<Jsonified<TimeseriesReport>>;

export const agentsAnswer = z.object({
  ...rangeView,
  agentsOnline: count,
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string().nullable(),
      online: z.boolean(),
      messages: count,
      assigned: count,
      resolved: count,
      firstResponseSeconds: distribution,
    }),
  ),
}) satisfies z.ZodType<Jsonified<AgentsReport>>;
