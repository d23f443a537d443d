import type { RoomNote } from '@app/contracts';
import { formatDateTime } from '../ui/format';
import { formatMessageTime } from './durations';

/** A private note in the timeline: marked as such, since the visitor never sees it. */
export function NoteBubble({ note }: { note: RoomNote }) {
  return (
    <div className="inbox-note" data-note-id={note.id}>
      <div className="inbox-note-label">Private note</div>
      <div className="inbox-note-body">{note.body}</div>
      <div className="inbox-message-meta">
        {note.author.name} ·{' '}
        <time dateTime={note.createdAt} title={formatDateTime(note.createdAt)}>
          {formatMessageTime(note.createdAt)}
        </time>
      </div>
    </div>
  );
}
