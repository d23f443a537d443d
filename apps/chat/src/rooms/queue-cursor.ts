import { chatErrors } from '../chat-errors';
import { type QueuePosition } from './rooms.repository';

/** An opaque cursor for the queue's next page: the last room's queue time and id. */
export function queueCursor(position: QueuePosition): string {
  return Buffer.from(`${position.queuedAt.getTime()}:${position.roomId}`).toString('base64url');
}

/** The position a cursor names; 400 `invalid_payload` naming `cursor` for anything else. */
export function queuePosition(cursor: string): QueuePosition {
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw chatErrors.invalid('cursor: not a cursor of this queue');
  return { queuedAt: new Date(Number(match[1])), roomId: match[2] };
}
