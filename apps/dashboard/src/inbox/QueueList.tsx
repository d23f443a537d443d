import { Link, useParams } from 'react-router';
import { Loading } from '../ui/Loading';
import { Avatar } from './Avatar';
import { formatWaited } from './durations';
import { useInbox } from './InboxProvider';
import { useChatbots } from './useChatbots';
import { useJoinRoom } from './useJoinRoom';
import { useNow } from './useNow';

/** Visitors waiting for an agent, oldest first, each with how long they have waited. */
export function QueueList() {
  const { state } = useInbox();
  const chatbots = useChatbots();
  const now = useNow();
  const { join, joining, errorOf } = useJoinRoom();
  const { roomId: openRoomId } = useParams();
  const queue = state.queue;

  return (
    <section className="inbox-section" aria-labelledby="inbox-queue-heading">
      <h2 id="inbox-queue-heading" className="inbox-section-title">
        Waiting
        {queue && <span className="inbox-count">{queue.length}</span>}
      </h2>
      {queue === null ? (
        <Loading label="Loading the queue…" />
      ) : queue.length === 0 ? (
        <p className="inbox-empty">No one is waiting.</p>
      ) : (
        <ul className="inbox-list" aria-label="Waiting visitors">
          {queue.map((room) => {
            const name = room.visitor.name || 'Visitor';
            const waited = formatWaited(now - Date.parse(room.queuedAt ?? room.createdAt));
            const error = errorOf(room.roomId);
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
                    <span className="inbox-item-sub">{room.visitor.email}</span>
                    <span className="inbox-item-sub">
                      {chatbots.get(room.chatbotId)?.name ?? 'Chatbot'}
                    </span>
                  </span>
                </Link>
                <span className="inbox-queue-meta">
                  {room.status === 'standby' && <span className="inbox-away-chip">Away</span>}
                  <span className="inbox-waited" title="Time waiting">
                    <span className="sr-only">Waiting for </span>
                    {waited}
                  </span>
                </span>
                <button
                  type="button"
                  className="button primary inbox-join"
                  aria-label={`Join chat with ${name}`}
                  disabled={joining !== null}
                  onClick={() => void join(room.roomId)}
                >
                  {joining === room.roomId ? 'Joining…' : 'Join'}
                </button>
                {error && (
                  <p className="inbox-item-error" role="alert">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
