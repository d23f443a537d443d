import type {
  Jsonified,
  NotificationKind,
  NotificationPage as NotificationPageView,
  NotificationState,
  NotificationView,
} from '@app/contracts';

/** A notification as GET /api/email/notifications lists it. */
export type Notification = Jsonified<NotificationView>;
export type { NotificationKind, NotificationState };

export type NotificationPage = Jsonified<NotificationPageView>;

export const KIND_LABELS: Record<NotificationKind, string> = {
  'visitor-welcome': 'Visitor welcome',
  'agent-reply': 'Agent reply',
  'offline-message-received': 'Offline message received',
  'conversation-transcript': 'Transcript',
  'password-reset': 'Password reset',
  'agent-invite': 'Agent invitation',
  'email-verification': 'Email verification',
  'usage-report': 'Usage report',
  'sla-breached': 'SLA breach',
  'webhook-disabled': 'Webhook disabled',
};

export const STATE_LABELS: Record<NotificationState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed, will retry',
  dead: 'Dead',
  suppressed: 'Suppressed',
};
