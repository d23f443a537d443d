import type { RoomSummary } from '@app/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../ui/Loading';
import { Avatar } from './Avatar';
import { formatWaited } from './durations';
import { useInbox } from './InboxProvider';
import { useChatbots } from './useChatbots';
import { useJoinRoom } from './useJoinRoom';
import { SlaCountdown } from './SlaCountdown';
import { useNow } from './useNow';
import { type QueueFilter, QueueFilters } from './QueueFilters';
import { RoomLabels } from './RoomLabels';
import { useFilteredQueue } from './useFilteredQueue';
import { useQueuePages } from './useQueuePages';
import { type Routing, useRouting } from './useRouting';
import { VisitorEmail } from './VisitorEmail';

/**
 * Visitors waiting for an agent, most urgent first then oldest first, each with how long they
 * have waited, their priority, category and team: the first page live from the socket, further
 * pages on demand, and the count of all who wait. Filters narrow it by category, team, chatbot.
 */
export function QueueList() {
  const { state } = useInbox();
  const chatbots = useChatbots();
  const routing = useRouting();
  const [filter, setFilter] = useState<QueueFilter>({});
  const filtered = useFilteredQueue(filter, state.queue);
  const now = useNow();
  const { join, joining, errorOf } = useJoinRoom();
  const { roomId: openRoomId } = useParams();
  const queue = filtered ? filtered.rooms : state.queue;
  const total = filtered ? filtered.total : state.queueTotal;
  const pages = useQueuePages(state.queue, state.queueNextCursor);
  const { further, canLoadMore, loadMore, loading, error } = filtered
    ? { ...pages, further: [], canLoadMore: false }
    : pages;
  const shown = (queue?.length ?? 0) + further.length;

  return (
    <section className="inbox-section" aria-labelledby="inbox-queue-heading">
      <h2 id="inbox-queue-heading" className="inbox-section-title">
        Waiting
        {queue && (
          <span className="inbox-count" aria-label={`${total} waiting`}>
            {total}
          </span>
        )}
      </h2>
      <QueueFilters filter={filter} onChange={setFilter} routing={routing} chatbots={chatbots} />
      {queue === null ? (
        <Loading label="Loading the queue…" />
      ) : queue.length === 0 ? (
        <p className="inbox-empty">
          {filtered ? 'No one waiting matches these filters.' : 'No one is waiting.'}
        </p>
      ) : (
        <ul className="inbox-list" aria-label="Waiting visitors">
          {[...queue, ...further].map((room) => (
            <QueueItem
              key={room.roomId}
              room={room}
              open={room.roomId === openRoomId}
              now={now}
              chatbotName={chatbots.get(room.chatbotId)?.name ?? 'Chatbot'}
              routing={routing}
              joining={joining}
              error={errorOf(room.roomId)}
              onJoin={() => void join(room.roomId)}
            />
          ))}
        </ul>
      )}
      {queue && canLoadMore && (
        <div className="inbox-queue-more">
          <p className="inbox-item-sub">
            Showing the first {shown} of {total}.
          </p>
          <button
            type="button"
            className="button"
            disabled={loading}
            onClick={() => void loadMore()}
          >
            {loading ? 'Loading…' : 'Show more'}
          </button>
          {error && (
            <p className="inbox-item-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function QueueItem(props: {
  room: RoomSummary;
  open: boolean;
  now: number;
  chatbotName: string;
  routing: Routing;
  joining: string | null;
  error: string | null | undefined;
  onJoin: () => void;
}) {
  const { room, now, joining, error } = props;
  const name = room.visitor.name || 'Visitor';
  const waited = formatWaited(now - Date.parse(room.queuedAt ?? room.createdAt));
  return (
    <li className={`inbox-queue-item${props.open ? ' is-open' : ''}`} data-room-id={room.roomId}>
      <Link to={`/inbox/${room.roomId}`} className="inbox-item-link">
        <Avatar name={name} />
        <span className="inbox-item-text">
          <span className="inbox-item-name">{name}</span>
          <VisitorEmail email={room.visitor.email} verified={room.visitor.verified} />
          <span className="inbox-item-sub">{props.chatbotName}</span>
          <RoomLabels room={room} routing={props.routing} />
        </span>
      </Link>
      <span className="inbox-queue-meta">
        {room.status === 'standby' && <span className="inbox-away-chip">Away</span>}
        <SlaCountdown sla={room.sla} now={now} />
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
        onClick={props.onJoin}
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
}
