import { type RoomSla, slaStatus, type SlaStatus, type SlaTarget } from '@app/contracts';

export interface CountdownView {
  target: 'First response' | 'Resolution';
  status: SlaStatus;
  /** `4:05`, `1:02:10`; overdue times are what passed since the deadline. */
  text: string;
  overdue: boolean;
}

/**
 * The countdown a room shows: the first-response target until an agent answered, then the
 * resolution target; null when no policy applies or both were met.
 */
export function countdownOf(sla: RoomSla | null | undefined, now: number): CountdownView | null {
  if (!sla) return null;
  const running = (target: SlaTarget) => target.metAt === null;
  const [label, target]: [CountdownView['target'], SlaTarget] | [null, null] = running(
    sla.firstResponse,
  )
    ? ['First response', sla.firstResponse]
    : running(sla.resolution)
      ? ['Resolution', sla.resolution]
      : [null, null];
  if (!label) return null;
  const left = Date.parse(target.dueAt) - now;
  return {
    target: label,
    status: slaStatus(sla.startedAt, target, now),
    text: clock(Math.abs(left)),
    overdue: left <= 0 || target.breachedAt !== null,
  };
}

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
