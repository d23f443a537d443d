import type { RoomSla } from '@app/contracts';
import { countdownOf } from './sla-countdown';

/** A room's live SLA countdown, green, yellow or red (see `slaStatus`); nothing without a policy. */
export function SlaCountdown({ sla, now }: { sla: RoomSla | null | undefined; now: number }) {
  const view = countdownOf(sla, now);
  if (!view) return null;
  const said = view.overdue
    ? `${view.target} overdue by ${view.text}`
    : `${view.target} due in ${view.text}`;
  return (
    <span
      className={`sla-countdown sla-${view.status}`}
      data-sla-status={view.status}
      title={said}
      aria-label={said}
    >
      {view.target === 'First response' ? 'FR' : 'RES'} {view.overdue ? `-${view.text}` : view.text}
    </span>
  );
}
