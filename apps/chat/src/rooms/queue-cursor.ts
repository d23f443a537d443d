import { chatErrors } from '../chat-errors';
import { type QueuePosition } from './rooms.repository';

/** An opaque cursor for the queue's next page: the last room's priority rank, queue time and id. */
export function queueCursor(position: QueuePosition): string {
  const { priorityRank, queuedAt, roomId } = position;
  return Buffer.from(`${priorityRank}:${queuedAt.getTime()}:${roomId}`).toString('base64url');
}

/** The position a cursor names; 400 `invalid_payload` naming `cursor` for anything else. */
export function queuePosition(cursor: string): QueuePosition {
  const match = /^([0-3]):(\d{1,15}):([\w-]{1,64})$/.exec(
    Buffer.from(cursor, 'base64url').toString(),
  );
  if (!match) throw chatErrors.invalid('cursor: not a cursor of this queue');
  return { priorityRank: Number(match[1]), queuedAt: new Date(Number(match[2])), roomId: match[3] };
}
