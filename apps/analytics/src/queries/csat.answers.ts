import { type CsatReport } from '@app/contracts';
import { z } from 'zod';

const score = {
  ratings: z
    .int()
    .min(0)
    .describe('Conversations rated, each by its latest rating, given in the range.'),
  satisfied: z.int().min(0).describe('Those rated 4 or 5.'),
  score: z.number().min(0).max(1).nullable().describe('satisfied / ratings (CSAT %); null: none.'),
  average: z.number().min(1).max(5).nullable().describe('The mean rating; null: none.'),
  byRating: z
    .tuple([z.int(), z.int(), z.int(), z.int(), z.int()])
    .describe('How many conversations were rated 1, 2, 3, 4 and 5.'),
};

/** `GET /csat`, for the OpenAPI document (see `ApiAnswer`). */
export const csatAnswer = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  chatbotId: z.string().nullable(),
  overall: z.object(score),
  byAgent: z.array(
    z.object({ agentId: z.string().nullable(), name: z.string().nullable(), ...score }),
  ),
  byTeam: z.array(z.object({ teamId: z.string().nullable(), ...score })),
}) satisfies z.ZodType<CsatReport>;
