import {
  type Jsonified,
  WEBHOOK_DELIVERY_ERRORS,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveriesPage,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@app/contracts';
import { z } from 'zod';

/** The bodies the webhook routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const webhookAnswer = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()).describe('event types, or `["*"]`'),
  description: z.string(),
  enabled: z.boolean(),
  disabledReason: z.enum(['failing']).nullable(),
  failingSince: z.iso.datetime().nullable(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<WebhookEndpointView>>;

export const webhookWithSecretAnswer = webhookAnswer.extend({
  secret: z.string().describe('`whsec_…`: shown only here; store it to verify signatures'),
}) satisfies z.ZodType<Jsonified<WebhookEndpointWithSecret>>;

export const webhooksAnswer = z.object({ webhooks: z.array(webhookAnswer) });

export const deliveryAnswer = z.object({
  id: z.string(),
  webhookId: z.string(),
  type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.enum(WEBHOOK_DELIVERY_ERRORS).nullable(),
  durationMs: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<WebhookDeliveryView>>;

export const deliveriesAnswer = z.object({
  deliveries: z.array(deliveryAnswer),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<Jsonified<WebhookDeliveriesPage>>;

export const replayedAnswer = z.object({
  replayed: z.number().int().describe('how many deliveries were queued again'),
});
