import type { RoomNote } from '@app/contracts';
import { useLayoutEffect, useRef } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatMessageTime } from './durations';
import { useInbox } from './InboxProvider';
import { MessageBubble } from './MessageBubble';
import { NoteBubble } from './NoteBubble';
import { lastAgentMessage } from './message-timeline';
import { PendingBubble } from './PendingBubble';
import { interleaveNotices } from './room-notices';
import { useEarlierHistory } from './useEarlierHistory';

// Within this many pixels of the bottom, the agent is following the chat: keep up with it.
const FOLLOWING_SLACK_PX = 80;

interface MessageListProps {
  roomId: string;
  visitorName: string;
  /** The room's private notes, shown where they were written. */
  notes: readonly RoomNote[];
  /** Puts a failed message's text back into the composer. */
  onEdit(body: string): void;
}

/** The conversation: history, live messages, notices, the agent's unsent messages. */
export function MessageList({ roomId, visitorName, notes, onEdit }: MessageListProps) {
  const { state, actions, connection } = useInbox();
  const earlier = useEarlierHistory(roomId);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // Distance from the bottom before earlier messages were added above, to stay in place.
  const anchor = useRef<number | null>(null);

  const messages = state.timelines[roomId] ?? [];
  const entries = interleaveNotices(
    messages,
    state.notices[roomId] ?? [],
    earlier.hasEarlier,
    notes,
  );
  const pending = state.pending.filter((send) => send.roomId === roomId);
  const lastOwn = lastAgentMessage(messages);
  const seenUpTo = state.visitorReadSeqs[roomId] ?? 0;
  const typing = state.visitorTyping[roomId] ?? false;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (anchor.current !== null) {
      element.scrollTop = element.scrollHeight - anchor.current;
      anchor.current = null;
    } else if (following.current) element.scrollTop = element.scrollHeight;
  }, [entries.length, pending.length, typing]);

  const loadEarlier = () => {
    const element = scroller.current;
    if (element) anchor.current = element.scrollHeight - element.scrollTop;
    void earlier.loadEarlier();
  };

  const onScroll = () => {
    const element = scroller.current;
    if (element)
      following.current =
        element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOWING_SLACK_PX;
  };

  return (
    <>
      <div className="inbox-messages" ref={scroller} onScroll={onScroll}>
        {earlier.hasEarlier && (
          <div className="inbox-load-earlier">
            <button
              type="button"
              className="button"
              onClick={loadEarlier}
              disabled={earlier.loading}
            >
              {earlier.loading ? 'Loading…' : 'Load earlier messages'}
            </button>
            <ErrorMessage error={earlier.error} />
          </div>
        )}
        <div
          className="inbox-log"
          role="log"
          aria-live="polite"
          aria-label={`Messages with ${visitorName}`}
        >
          {entries.map((entry) => {
            if (entry.kind === 'message')
              return (
                <MessageBubble
                  key={entry.message.id}
                  message={entry.message}
                  seen={entry.message === lastOwn && lastOwn.seq <= seenUpTo}
                />
              );
            if (entry.kind === 'note') return <NoteBubble key={entry.note.id} note={entry.note} />;
            return (
              <div key={entry.notice.id} className="inbox-notice" data-notice>
                {entry.notice.text} · {formatMessageTime(entry.notice.at)}
              </div>
            );
          })}
          {pending.map((send) => (
            <PendingBubble
              key={send.clientMessageId}
              send={send}
              connected={connection === 'connected'}
              onRetry={() => actions.retry(send.clientMessageId)}
              onEdit={() => {
                actions.discard(send.clientMessageId);
                onEdit(send.body);
              }}
            />
          ))}
        </div>
      </div>
      <div className="inbox-typing" role="status" aria-live="polite" data-testid="typing-indicator">
        {typing && (
          <>
            <span className="inbox-typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            Visitor is typing…
          </>
        )}
      </div>
    </>
  );
}
