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

/** Keyed by journey node id: text, a number, options, or an uploaded image's id. */
const journeyAnswers = z.record(
  z.string().max(40),
  z.union([z.string().max(2000), z.number(), z.array(z.string().max(200)).max(20)]),
);
/** The journey version the visitor answered (from the config); 409 when it changed since. */
const journeyVersion = z.number().int().min(1).optional();

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
    /**
     * The journey's answers when the visitor walked it before learning nobody answers live
     * (409 `chatbot_offline` on the session): checked as a session's are, and the room keeps
     * the category, priority and team they lead to. Absent: a message without a journey.
     */
    answers: journeyAnswers.optional(),
    journeyVersion,
  }),
) {}

export class WidgetSessionDto extends createZodDto(
  z.strictObject({
    ...chatbotCredentials,
    name: visitorName,
    email: visitorEmail,
    answers: journeyAnswers.default({}),
    journeyVersion,
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
