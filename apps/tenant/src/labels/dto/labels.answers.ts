import { type Jsonified, type LabelView } from '@app/contracts';
import { z } from 'zod';

/** The bodies the labels routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const labelAnswer = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string().describe('`#rrggbb`'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<LabelView>>;

export const labelsAnswer = z.object({ labels: z.array(labelAnswer) });
