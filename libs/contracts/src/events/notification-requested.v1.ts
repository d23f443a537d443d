import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * A secret (a link carrying a one-time token) travels sealed: AES-256-GCM under the key the
 * producers and the email service share, so neither Kafka nor an outbox holds it readable.
 */
export const sealedSchema = z.object({ sealed: z.string().min(1) });

/**
 * The address is checked by the email service, not here: a bad one must show in the
 * notification log as a permanent failure with its reason, not vanish into the dead letters.
 */
const recipientSchema = z.object({
  email: z.string().min(1).max(320),
  name: z.string().max(200).optional(),
});

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
  /** The files the message carried, each with a download link that lasts (sealed in transit). */
  files: z
    .array(z.object({ name: z.string(), size: z.number().int().min(0), url: sealedSchema }))
    .max(10)
    .optional(),
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
    /** The visitor left a message while the chatbot was offline: we have it, we will answer. */
    kind: z.literal('offline-message-received'),
    chatbotName: z.string(),
    message: z.string(),
    conversationUrl: sealedSchema,
  }),
  z.object({
    ...base,
    kind: z.literal('conversation-transcript'),
    reason: z.enum(['resolved', 'abandoned', 'stale', 'blocked']),
    lines: z.array(transcriptLine).max(2000),
    /** Resolved only: the rating link without its rating; the mail adds `&rating=1` … `5`. */
    rateUrl: sealedSchema.optional(),
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
  z.object({
    ...base,
    kind: z.literal('email-verification'),
    verifyUrl: sealedSchema,
    expiresAt: z.iso.datetime(),
  }),
  z.object({
    ...base,
    kind: z.literal('usage-report'),
    /** The day the report covers, `YYYY-MM-DD` in UTC. */
    day: z.iso.date(),
    figures: z
      .array(z.object({ label: z.string().min(1).max(80), value: z.string().max(40) }))
      .max(40),
    dashboardUrl: z.string().url(),
  }),
  z.object({
    ...base,
    /** To a supervisor who chose it: a conversation missed an SLA target. */
    kind: z.literal('sla-breached'),
    displayId: z.number().int().min(1),
    breach: z.enum(['first_response', 'resolution']),
    dueAt: z.iso.datetime(),
    priority: z.string().max(20),
    escalation: z.string().max(40),
    dashboardUrl: z.string().url(),
  }),
  z.object({
    ...base,
    /** To the workspace's admins: Parley disabled a webhook endpoint that kept failing. */
    kind: z.literal('webhook-disabled'),
    endpointUrl: z.string().max(2048),
    failingSince: z.iso.datetime(),
    /** The last attempt's outcome, e.g. `HTTP 500` or `timeout`. */
    lastError: z.string().max(200),
    dashboardUrl: z.string().url(),
  }),
]);

export type NotificationKind = NotificationRequest['kind'];

export const notificationKindSchema = z.enum(
  notificationSchema.options.map((option) => option.shape.kind.value) as [
    NotificationKind,
    ...NotificationKind[],
  ],
);

/** Kinds sent to a website's visitors: each carries an unsubscribe link. */
export const VISITOR_NOTIFICATION_KINDS = [
  'visitor-welcome',
  'agent-reply',
  'offline-message-received',
  'conversation-transcript',
] as const satisfies readonly NotificationKind[];

export type NotificationRequest = z.infer<typeof notificationSchema>;

/** Asks the email service to send one email; `notificationId` makes a resend a no-op. */
export const NotificationRequestedV1 = defineEvent({
  type: 'notification.requested',
  version: 1,
  keyKind: 'tenant',
  payload: notificationSchema,
});
