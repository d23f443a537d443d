import { Badge, type BadgeTone } from '../ui/Badge';
import { type NotificationState, STATE_LABELS } from './notificationTypes';

const TONES: Record<NotificationState, BadgeTone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'success',
  failed: 'warning',
  dead: 'danger',
  suppressed: 'neutral',
};

export function NotificationStateBadge({ state }: { state: NotificationState }) {
  return <Badge tone={TONES[state]}>{STATE_LABELS[state]}</Badge>;
}
