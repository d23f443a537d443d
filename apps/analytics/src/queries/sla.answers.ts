import { type AnalyticsRangeView, type Jsonified, type SlaFigures } from '@app/contracts';
import { z } from 'zod';

const compliance = {
  measured: z.int().min(0).describe('Targets settled in the range: met or missed at the close.'),
  met: z.int().min(0),
  breaches: z.int().min(0).describe('Breaches found in the range, open conversations included.'),
  complianceRate: z.number().min(0).max(1).nullable().describe('met / measured; null: none.'),
};

/** `GET /sla`, for the OpenAPI document (see `ApiAnswer`). */
export const slaAnswer = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  chatbotId: z.string().nullable(),
  firstResponse: z.object(compliance),
  resolution: z.object(compliance),
  byTeam: z.array(z.object({ teamId: z.string().nullable(), ...compliance })),
  byAgent: z.array(z.object({ agentId: z.string().nullable(), ...compliance })),
  byCategory: z.array(z.object({ category: z.string().nullable(), ...compliance })),
}) satisfies z.ZodType<Jsonified<AnalyticsRangeView & SlaFigures>>;
