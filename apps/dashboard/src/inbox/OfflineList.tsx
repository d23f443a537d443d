import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Avatar } from './Avatar';
import { useJoinRoom } from './useJoinRoom';
import { useOfflineRooms } from './useOfflineRooms';
import { VisitorEmail } from './VisitorEmail';

/**
 * Messages visitors left while nobody answered live. Taking one opens it as a chat: the answer
 * is mailed to the visitor, who may come back through the link in the mail.
 */
export function OfflineList() {
  const { rooms, error } = useOfflineRooms();
  const { join, joining, errorOf } = useJoinRoom();
  const { roomId: openRoomId } = useParams();
  if (!error && (!rooms || rooms.length === 0)) return null;
  return (
    <section className="inbox-section" aria-labelledby="inbox-offline-heading">
      <h2 id="inbox-offline-heading" className="inbox-section-title">
        Offline messages
        {rooms && (
          <span className="inbox-count" aria-label={`${rooms.length} offline messages`}>
            {rooms.length}
          </span>
        )}
      </h2>
      <ErrorMessage error={error} />
      <ul className="inbox-list" aria-label="Offline messages">
        {rooms?.map((room) => {
          const name = room.visitor.name || 'Visitor';
          const refused = errorOf(room.roomId);
          return (
            <li
              key={room.roomId}
              className={`inbox-queue-item${room.roomId === openRoomId ? ' is-open' : ''}`}
              data-room-id={room.roomId}
            >
              <Link to={`/inbox/${room.roomId}`} className="inbox-item-link">
                <Avatar name={name} />
                <span className="inbox-item-text">
                  <span className="inbox-item-name">{name}</span>
                  <VisitorEmail email={room.visitor.email} verified={room.visitor.verified} />
                  <span className="inbox-item-sub">
                    Left {new Date(room.createdAt).toLocaleString()}
                  </span>
                </span>
              </Link>
              <button
                type="button"
                className="button primary inbox-join"
                aria-label={`Answer ${name} by email`}
                disabled={joining !== null}
                onClick={() => void join(room.roomId)}
              >
                {joining === room.roomId ? 'Opening…' : 'Answer'}
              </button>
              {refused && (
                <p className="inbox-item-error" role="alert">
                  {refused}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
