import {
  type Jsonified,
  WEBHOOK_EVENT_GROUPS,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '@app/contracts';

export type WebhookEndpoint = Jsonified<WebhookEndpointView>;
export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };
export type WebhookDelivery = Jsonified<WebhookDeliveryView>;
export type DeliveryStatus = WebhookDeliveryStatus;

export const WEBHOOKS_PATH = '/api/integrations/webhooks';

/** The event groups as the form shows them, in the order of WEBHOOK_EVENT_GROUPS. */
export const EVENT_GROUP_LABELS: Record<keyof typeof WEBHOOK_EVENT_GROUPS, string> = {
  conversations: 'Conversations',
  messages: 'Messages and notes (ids only, no text)',
  csat: 'Ratings (CSAT)',
  sla: 'SLA breaches',
  contacts: 'Contacts',
  agents: 'Agent presence',
};

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** What the log shows for an attempt that got no answer. */
export const ERROR_LABELS: Record<string, string> = {
  timeout: 'Timed out (10 s)',
  refused: 'Connection refused',
  ssrf_blocked: 'Address not allowed',
  dns_failed: 'Name not found',
  network: 'Network error',
  endpoint_disabled: 'Endpoint disabled',
};

/** "All events", or how many were chosen. */
export function describeEvents(events: string[]): string {
  if (events.includes('*')) return 'All events';
  return events.length === 1 ? events[0] : `${events.length} event types`;
}
