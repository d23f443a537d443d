import { MAX_MESSAGE_LENGTH } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const id = z.string().min(1).max(64);

const chatbotCredentials = {
  tenantId: id,
  chatbotId: id,
  apiKey: z.string().min(10).max(200),
};

/** What the widget asks before a visitor starts: the chatbot's look and pre-chat form. */
export class WidgetConfigDto extends createZodDto(z.strictObject(chatbotCredentials)) {}

const visitorName = z.string().trim().min(1, 'required').max(120);
const visitorEmail = z
  .email('a valid email address')
  .max(254)
  .transform((email) => email.toLowerCase());

/** A message left while the chatbot is offline: it becomes an `offline` room, answered by email. */
export class OfflineMessageDto extends createZodDto(
  z.strictObject({
    ...chatbotCredentials,
    name: visitorName,
    email: visitorEmail,
    message: z
      .string()
      .trim()
      .min(1, 'required')
      .max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`),
  }),
) {}

export class WidgetSessionDto extends createZodDto(
  z.strictObject({
    ...chatbotCredentials,
    name: visitorName,
    email: visitorEmail,
    /** Keyed by journey node id: text, a number, options, or an uploaded image's id. */
    answers: z
      .record(
        z.string().max(40),
        z.union([z.string().max(2000), z.number(), z.array(z.string().max(200)).max(20)]),
      )
      .default({}),
    /** The journey version the visitor answered (from the config); 409 when it changed since. */
    journeyVersion: z.number().int().min(1).optional(),
    /**
     * HMAC-SHA256 of the email under the chatbot's identity secret, in hex, computed by the
     * tenant's backend for its signed-in user: the email is then marked verified.
     */
    identityHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'a hex HMAC-SHA256 (64 characters)')
      .transform((hash) => hash.toLowerCase())
      .optional(),
  }),
) {}
