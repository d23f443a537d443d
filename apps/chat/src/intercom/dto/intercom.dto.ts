import { INTERCOM_LIMITS } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Intercom's tokens and secrets are printable ASCII (they travel in an HTTP header). */
const credential = z
  .string()
  .trim()
  .min(1)
  .max(INTERCOM_LIMITS.credentialLength)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII characters, no spaces');
const ids = z
  .array(z.string().min(1).max(64))
  .max(INTERCOM_LIMITS.scopeEntries)
  .transform((values) => [...new Set(values)]);

const scope = z
  .strictObject({
    allChatbots: z.boolean(),
    chatbotIds: ids.default([]),
    categoryIds: ids.default([]),
  })
  .refine((value) => value.allChatbots || value.chatbotIds.length + value.categoryIds.length > 0, {
    path: ['chatbotIds'],
    message: 'name a chatbot or a category, or set allChatbots',
  });

/**
 * Connects Intercom, or changes the connection: the access token and the client secret are
 * needed to connect and may be left out of a change (they are kept).
 */
export class ConnectIntercomDto extends createZodDto(
  z.strictObject({
    accessToken: credential
      .optional()
      .describe('Intercom access token (Developer Hub → Authentication)'),
    clientSecret: credential
      .optional()
      .describe('the app’s client secret (Basic information), which signs its webhooks'),
    scope,
  }),
) {}
