import { z } from 'zod';
import { appearanceSchema, preChatFormSchema } from '../chatbot';
import { journeySchema } from '../journey/journey.schema';
import { defineEvent } from '../define-event';
import { offlineWhenSchema } from '../schedule';

/**
 * The whole chatbot as chat needs it, with the API key's SHA-256 only (never the key): chat
 * checks a widget's key by hashing what it presents.
 */
export const chatbotSnapshotSchema = z.object({
  chatbotId: z.string().min(1),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  appearance: appearanceSchema,
  /** Since journeys; events from before carry `preChatForm` instead (a linear journey). */
  journey: journeySchema.optional(),
  /**
   * The flat pre-chat form, for consumers from before journeys: sent while the journey is
   * linear and decides nothing (see `preChatFormOf`); consumers read `journey` when present.
   */
  preChatForm: preChatFormSchema.optional(),
  apiKeySha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /**
   * The identity-verification secret, sealed under `NOTIFICATION_SEAL_KEY` (never readable on
   * Kafka); null while the chatbot does not verify visitors' emails.
   */
  identitySecretSealed: z.string().min(1).nullable().default(null),
  /** Sessions without a valid identity hash are refused. */
  requireVerifiedIdentity: z.boolean().default(false),
  /** When the widget offers an offline message instead of a live chat. */
  offlineWhen: offlineWhenSchema.default('outside-hours'),
});

export type ChatbotSnapshot = z.infer<typeof chatbotSnapshotSchema>;

export const ChatbotCreatedV1 = defineEvent({
  type: 'tenant.chatbot.created',
  version: 1,
  keyKind: 'tenant',
  payload: chatbotSnapshotSchema,
});

export const ChatbotUpdatedV1 = defineEvent({
  type: 'tenant.chatbot.updated',
  version: 1,
  keyKind: 'tenant',
  payload: chatbotSnapshotSchema,
});

/** A new key replaced the old one, or (`apiKeySha256: null`) the key was revoked. */
export const ChatbotKeyRotatedV1 = defineEvent({
  type: 'tenant.chatbot.key-rotated',
  version: 1,
  keyKind: 'tenant',
  payload: chatbotSnapshotSchema,
});

export const ChatbotDeletedV1 = defineEvent({
  type: 'tenant.chatbot.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ chatbotId: z.string().min(1) }),
});
