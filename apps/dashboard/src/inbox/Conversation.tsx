import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { Composer, type ComposerMode } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { isMine } from './inbox-state';
import { useInbox } from './InboxProvider';
import { MessageList } from './MessageList';
import { RoomStateNotice } from './RoomStateNotice';
import { useDraft } from './useDraft';
import { useReadReceipts } from './useReadReceipts';
import { useRoomDetails } from './useRoomDetails';
import { useRoomNotes } from './useRoomNotes';
import { VisitorDetails } from './VisitorDetails';

const BOTH_MODES: readonly ComposerMode[] = ['reply', 'note'];
const NOTES_ONLY: readonly ComposerMode[] = ['note'];

/**
 * One conversation (the middle and right columns). The agent's own active chat can be
 * answered; any other room of the tenant (waiting, closed, another agent's) is read-only, but
 * takes private notes.
 */
export function Conversation({ roomId }: { roomId: string }) {
  const { state } = useInbox();
  const { details, error, notFound } = useRoomDetails(roomId);
  const [draft, setDraft] = useDraft(roomId);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const closeDetails = useCallback(() => setDetailsOpen(false), []);
  const room = state.rooms[roomId];
  const mine = isMine(state, room);
  const notes = useRoomNotes(roomId);
  useReadReceipts(roomId, mine);

  if (notFound)
    return (
      <section className="inbox-conversation inbox-conversation-empty">
        <EmptyState
          title="Conversation not found"
          action={
            <Link to="/inbox" className="button">
              Back to the inbox
            </Link>
          }
        >
          It may have been deleted, or the link is wrong.
        </EmptyState>
      </section>
    );
  if (!room)
    return (
      <section className="inbox-conversation inbox-conversation-empty">
        {error ? <ErrorMessage error={error} /> : <Loading label="Opening the conversation…" />}
      </section>
    );

  const visitorName = room.visitor.name || 'Visitor';
  return (
    <>
      <section
        className="inbox-conversation"
        aria-label={`Conversation with ${visitorName}`}
        data-room-id={roomId}
      >
        <ConversationHeader
          room={room}
          mine={mine}
          detailsOpen={detailsOpen}
          onToggleDetails={() => setDetailsOpen((open) => !open)}
        />
        <ErrorMessage error={error} />
        {!mine && <RoomStateNotice room={room} />}
        <MessageList
          roomId={roomId}
          visitorName={visitorName}
          notes={notes.notes}
          onEdit={setDraft}
        />
        <Composer
          roomId={roomId}
          visitorName={visitorName}
          visitor={room.visitor}
          draft={draft}
          onDraftChange={setDraft}
          modes={mine ? BOTH_MODES : NOTES_ONLY}
          onAddNote={notes.add}
        />
      </section>
      <VisitorDetails details={details} open={detailsOpen} onClose={closeDetails} />
    </>
  );
}
