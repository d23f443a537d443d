import { z } from 'zod';

/** The body of `GET /status`, for the OpenAPI document (see `ApiAnswer`). */
export const statusAnswer = z.object({
  checkedAt: z.iso.datetime(),
  services: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['up', 'down']),
      detail: z.unknown().describe('What its health endpoint said, or why it did not answer.'),
      latencyMs: z.number().min(0),
    }),
  ),
  kafka: z.object({
    groups: z.array(
      z.object({
        groupId: z.string(),
        lag: z.int().min(0),
        topics: z.array(z.object({ topic: z.string(), lag: z.int().min(0) })),
        error: z.string().optional(),
      }),
    ),
  }),
});

/** The body of `GET /activity`, for the OpenAPI document (see `ApiAnswer`). */
export const activityAnswer = z.object({
  checkedAt: z.iso.datetime(),
  agentsOnline: z.int().min(0),
  chatbots: z.array(
    z.object({
      chatbotId: z.string(),
      name: z.string(),
      lastSessionAt: z.iso.datetime().nullable(),
    }),
  ),
});
