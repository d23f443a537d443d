import { type AnalyticsRangeView, type Jsonified, type LabelsFigures } from '@app/contracts';
import { z } from 'zod';

/** `GET /labels`, for the OpenAPI document (see `ApiAnswer`). */
export const labelsAnswer = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  chatbotId: z.string().nullable(),
  byLabel: z.array(
    z.object({
      labelId: z.string().describe('A label id of the tenant (`GET /api/tenant/labels`).'),
      added: z.int().min(0).describe('Times put on a conversation in the range.'),
      removed: z.int().min(0).describe('Times taken off (a deleted label’s too).'),
    }),
  ),
}) satisfies z.ZodType<Jsonified<AnalyticsRangeView & LabelsFigures>>;
