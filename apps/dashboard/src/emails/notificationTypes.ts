export const NOTIFICATION_STATES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
  'suppressed',
] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const NOTIFICATION_KINDS = [
  'visitor-welcome',
  'agent-reply',
  'conversation-transcript',
  'password-reset',
  'agent-invite',
  'usage-report',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  recipient: string;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationPage {
  notifications: Notification[];
  nextCursor: string | null;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  'visitor-welcome': 'Visitor welcome',
  'agent-reply': 'Agent reply',
  'conversation-transcript': 'Transcript',
  'password-reset': 'Password reset',
  'agent-invite': 'Agent invitation',
  'usage-report': 'Usage report',
};

export const STATE_LABELS: Record<NotificationState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed, will retry',
  dead: 'Dead',
  suppressed: 'Suppressed',
};
