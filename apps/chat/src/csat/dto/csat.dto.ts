import { CSAT_COMMENT_MAX, csatRatingSchema } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** A rating and its optional comment, as the widget sends them (JSON). */
export const csatInputSchema = z.strictObject({
  rating: csatRatingSchema.describe('1 (very unhappy) to 5 (very happy).'),
  comment: z
    .string()
    .max(CSAT_COMMENT_MAX)
    .nullable()
    .optional()
    .describe(`At most ${CSAT_COMMENT_MAX} characters; empty or null: none.`),
});
export type CsatInput = z.infer<typeof csatInputSchema>;

export class CsatDto extends createZodDto(csatInputSchema) {}

/**
 * The same from the thank-you page's form (URL-encoded, so the rating arrives as text); the
 * token stays in the query string.
 */
export class CsatFormDto extends createZodDto(
  z.strictObject({
    rating: z.coerce.number().pipe(csatRatingSchema),
    comment: z.string().max(CSAT_COMMENT_MAX).optional(),
  }),
) {}

export const csatAnswer = z.object({
  rating: csatRatingSchema,
  comment: z.string().nullable(),
  ratedAt: z.iso.datetime(),
  via: z.enum(['widget', 'email']),
});
