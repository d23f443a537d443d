import { type CannedReplyView, type Jsonified } from '@app/contracts';
import { z } from 'zod';

/** The bodies the canned replies routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const cannedReplyAnswer = z.object({
  id: z.string(),
  shortcut: z.string().describe('Typed after `/` in the composer.'),
  title: z.string().nullable(),
  body: z.string().describe('May hold `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`.'),
  scope: z
    .enum(['shared', 'personal'])
    .describe('shared: every agent sees it; personal: its owner only.'),
  ownerId: z.string().nullable().describe('The owner of a personal reply; null when shared.'),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<CannedReplyView>>;

export const cannedRepliesAnswer = z.object({ cannedReplies: z.array(cannedReplyAnswer) });
