import { type NotificationKind } from '../events/notification-requested.v1';

/**
 * `queued` waits for its first try (or for a send limit), `sending` is with the SMTP server,
 * `failed` failed temporarily and waits for its retry; the rest are final: `sent`, `dead`
 * (refused for good, or out of retries) and `suppressed` (the address unsubscribed from this
 * kind, or bounced hard).
 */
export const NOTIFICATION_STATES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
  'suppressed',
] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** A notification as `GET /api/email/notifications` lists it (never its links or transcript). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  recipient: string;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A page of `GET /api/email/notifications`, newest first. */
export interface NotificationPage {
  notifications: NotificationView[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}
