import { appearanceSchema, type Jsonified, journeySchema, offlineWhenSchema } from '@app/contracts';
import { z } from 'zod';
import { type ChatbotView, type ChatbotWithKey } from '../chatbots.service';

/** The bodies the chatbots routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const chatbotAnswer = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  appearance: appearanceSchema,
  journey: journeySchema,
  apiKeyPrefix: z.string().nullable().describe('The start of the key, to tell keys apart.'),
  identityVerification: z
    .boolean()
    .describe('The chatbot has an identity secret: emails signed with it are verified.'),
  requireVerifiedIdentity: z.boolean().describe('Sessions without a verified email are refused.'),
  offlineWhen: offlineWhenSchema.describe(
    'When the widget offers an offline message instead of a live chat.',
  ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<ChatbotView>>;

export const chatbotWithKeyAnswer = chatbotAnswer.extend({
  apiKey: z.string().describe('Shown in this answer only.'),
  embedSnippet: z.string(),
}) satisfies z.ZodType<Jsonified<ChatbotWithKey>>;

export const chatbotsAnswer = z.object({ chatbots: z.array(chatbotAnswer) });

export const identitySecretAnswer = z.object({
  identitySecret: z
    .string()
    .describe("The secret the tenant's backend signs visitors' emails with (HMAC-SHA256, hex)."),
});

export const journeyAnswer = journeySchema;
