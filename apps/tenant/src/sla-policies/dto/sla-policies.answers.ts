import { type Jsonified, ROOM_PRIORITIES, type SlaPolicyView } from '@app/contracts';
import { z } from 'zod';

/** The bodies the SLA policy routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const slaPolicyAnswer = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.enum(ROOM_PRIORITIES),
  categoryId: z.string().nullable().describe('Only rooms of this category; null: any.'),
  teamId: z.string().nullable().describe('Only rooms of this team; null: any.'),
  firstResponseSeconds: z.number().int(),
  resolutionSeconds: z.number().int(),
  escalation: z.discriminatedUnion('action', [
    z.object({ action: z.literal('none') }),
    z.object({ action: z.literal('raise-priority') }),
    z.object({ action: z.literal('reassign'), agentId: z.string() }),
    z.object({ action: z.literal('requeue-front') }),
  ]),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<SlaPolicyView>>;

export const slaPoliciesAnswer = z.object({ slaPolicies: z.array(slaPolicyAnswer) });
