import type { KnownRoom } from './inbox-state';

export type StatusTone = 'success' | 'warning' | 'info' | 'neutral';

/**
 * Waiting for an agent: in the queue, or an offline message nobody took yet. A waiting visitor
 * who went away is reported as `standby` too, so the status alone does not tell a waiting room
 * from an active one: having no agent does.
 */
export function isWaiting(room: KnownRoom): boolean {
  return (
    room.status === 'queued' ||
    room.status === 'offline' ||
    (room.status === 'standby' && !room.agent)
  );
}

/** The room's state in a word or two, with the tone of its badge. */
export function roomStatusLabel(room: KnownRoom): { label: string; tone: StatusTone } {
  if (room.status === 'closed') return { label: 'Closed', tone: 'neutral' };
  if (room.status === 'offline') return { label: 'Offline message', tone: 'info' };
  if (isWaiting(room))
    return room.visitorAway
      ? { label: 'Waiting · visitor away', tone: 'warning' }
      : { label: 'Waiting', tone: 'info' };
  if (room.visitorAway) return { label: 'Visitor away', tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}
