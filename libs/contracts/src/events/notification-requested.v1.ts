import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * A secret (a link carrying a one-time token) travels sealed: AES-256-GCM under the key the
 * producers and the email service share, so neither Kafka nor an outbox holds it readable.
 */
export const sealedSchema = z.object({ sealed: z.string().min(1) });

const recipientSchema = z.object({ email: z.string().email(), name: z.string().optional() });

const base = {
  notificationId: z.string().min(1),
  to: recipientSchema,
  tenantName: z.string(),
};

const transcriptLine = z.object({
  from: z.string(),
  senderType: z.enum(['visitor', 'agent', 'system']),
  body: z.string(),
  at: z.iso.datetime(),
});

export const notificationSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('visitor-welcome'),
    chatbotName: z.string(),
    conversationUrl: sealedSchema,
  }),
  z.object({
    ...base,
    kind: z.literal('agent-reply'),
    agentName: z.string(),
    reply: z.string(),
    conversationUrl: sealedSchema,
  }),
  z.object({
    ...base,
    kind: z.literal('conversation-transcript'),
    reason: z.enum(['resolved', 'abandoned', 'stale', 'blocked']),
    lines: z.array(transcriptLine).max(2000),
  }),
  z.object({
    ...base,
    kind: z.literal('password-reset'),
    resetUrl: sealedSchema,
    expiresAt: z.iso.datetime(),
  }),
  z.object({
    ...base,
    kind: z.literal('agent-invite'),
    inviterName: z.string(),
    acceptUrl: sealedSchema,
    expiresAt: z.iso.datetime(),
  }),
]);

export type NotificationRequest = z.infer<typeof notificationSchema>;

/** Asks the email service to send one email; `notificationId` makes a resend a no-op. */
export const NotificationRequestedV1 = defineEvent({
  type: 'notification.requested',
  version: 1,
  keyKind: 'tenant',
  payload: notificationSchema,
});
