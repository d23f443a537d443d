import { type Jsonified, type VisitorBlockView } from '@app/contracts';
import { z } from 'zod';

/** The body of `GET /blocks`, for the OpenAPI document (see `ApiAnswer`). */
export const blocksAnswer = z.object({
  blocks: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['email', 'ip']),
      value: z.string(),
      roomId: z.string().nullable(),
      blockedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      createdAt: z.iso.datetime(),
      expiresAt: z.iso.datetime().nullable(),
    }) satisfies z.ZodType<Jsonified<VisitorBlockView>>,
  ),
});
