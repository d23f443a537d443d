import { z } from 'zod';

export const WEBHOOK_LIMITS = {
  urlLength: 2048,
  descriptionLength: 200,
  /** The first bytes of a receiver's answer the delivery log keeps, as text. */
  responseExcerptBytes: 1024,
} as const;

/**
 * The event types a webhook endpoint can subscribe to, grouped as the dashboard shows them: each
 * is a chat-side Kafka event of the tenant, named by its topic (`<type>.v<version>`). Tenant
 * configuration events (users, chatbots, labels, policies) are not delivered.
 */
export const WEBHOOK_EVENT_GROUPS = {
  conversations: [
    'chat.chatroom.created.v1',
    'chat.chatroom.assigned.v1',
    'chat.chatroom.requeued.v1',
    'chat.chatroom.updated.v1',
    'chat.chatroom.standby.v1',
    'chat.chatroom.resumed.v1',
    'chat.chatroom.closed.v1',
    'chat.chatroom.labelled.v1',
    'chat.chatroom.deleted.v1',
  ],
  messages: ['chat.message.sent.v1', 'chat.note.added.v1'],
  csat: ['chat.csat.rated.v1'],
  sla: ['chat.sla.breached.v1'],
  contacts: ['chat.contact.updated.v1', 'chat.contact.erased.v1'],
  agents: ['chat.agent.presence-changed.v1'],
} as const;

export type WebhookEventType =
  (typeof WEBHOOK_EVENT_GROUPS)[keyof typeof WEBHOOK_EVENT_GROUPS][number];

export const WEBHOOK_EVENT_TYPES = Object.values(WEBHOOK_EVENT_GROUPS).flat() as WebhookEventType[];

/** Sent only by `POST /webhooks/:id/test`, whatever the endpoint subscribed to. */
export const WEBHOOK_TEST_EVENT_TYPE = 'parley.test.v1';

/** What an endpoint subscribes to: event types, or `["*"]` for every one (today's and later). */
export const webhookEventsSchema = z
  .array(z.enum(['*', ...WEBHOOK_EVENT_TYPES] as [string, ...string[]]))
  .min(1, 'choose at least one event type, or "*"')
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .refine((events) => !events.includes('*') || events.length === 1, '"*" stands alone')
  .transform((events) => [...new Set(events)]);

/** What a delivery failed of, when it did not get an answer. */
export const WEBHOOK_DELIVERY_ERRORS = [
  'timeout',
  'refused',
  'ssrf_blocked',
  'dns_failed',
  'network',
  'endpoint_disabled',
] as const;
export type WebhookDeliveryError = (typeof WEBHOOK_DELIVERY_ERRORS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** An endpoint as `GET /api/integrations/webhooks` answers it: never its secret. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
  /** `failing`: Parley disabled it after failing without a break for the disable window. */
  disabledReason: 'failing' | null;
  /** Since when every delivery failed (null: the last one succeeded, or none yet). */
  failingSince: Date | null;
  /** Until when deliveries are also signed with the secret before the last rotation. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The answer of a creation or a rotation: the only two that show the secret. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

/** One event sent (or to be sent) to one endpoint, as the delivery log shows it. */
export interface WebhookDeliveryView {
  id: string;
  /** The `Parley-Webhook-Id` (the payload's `id`): the same on every retry and replay. */
  webhookId: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The last attempt's answer status (null: no answer). */
  responseStatus: number | null;
  /** The first 1 KB of the last answer's body, as text. */
  responseExcerpt: string | null;
  error: WebhookDeliveryError | null;
  /** How long the last attempt took, request to answer. */
  durationMs: number | null;
  /** From the event's `occurredAt` to the successful delivery. */
  latencyMs: number | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface WebhookDeliveriesPage {
  deliveries: WebhookDeliveryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
