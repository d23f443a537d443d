import { useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CsatRating } from './CsatRating';
import { deleteConversation } from './chat-api';
import { describeCloseReason } from './close-reasons';
import { formatWaited } from './durations';
import type { KnownRoom } from './inbox-state';
import { isWaiting } from './room-status';
import { useJoinRoom } from './useJoinRoom';
import { useNow } from './useNow';

/** Why a conversation is read-only here: closed, still waiting, or another agent's. */
export function RoomStateNotice({ room }: { room: KnownRoom }) {
  const { join, joining, errorOf } = useJoinRoom();
  const { can } = useSession();
  const navigate = useNavigate();
  const now = useNow();
  const error = errorOf(room.roomId);

  if (room.status === 'closed')
    return (
      <div className="inbox-state-notice is-closed" role="status" data-testid="room-closed">
        <strong>This conversation is closed</strong>
        <span>{describeCloseReason(room.closeReason)}</span>
        {room.csat && <CsatRating csat={room.csat} />}
        {can('chats:delete') && (
          <ConfirmButton
            label="Delete conversation"
            title="Delete this conversation?"
            confirmLabel="Delete for good"
            danger
            onConfirm={async () => {
              await deleteConversation(room.roomId);
              navigate('/inbox');
            }}
          >
            Its messages and every file sent in it are deleted for good, from the file store too.
            This cannot be undone.
          </ConfirmButton>
        )}
      </div>
    );
  if (isWaiting(room))
    return (
      <div className="inbox-state-notice is-waiting" role="status">
        <span>
          Waiting for an agent for {formatWaited(now - Date.parse(room.queuedAt ?? room.createdAt))}
          .
        </span>
        <button
          type="button"
          className="button primary"
          disabled={joining !== null}
          onClick={() => void join(room.roomId)}
          aria-label={`Join chat with ${room.visitor.name || 'visitor'}`}
        >
          {joining ? 'Joining…' : 'Join'}
        </button>
        {error && (
          <p className="inbox-item-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  return (
    <div className="inbox-state-notice" role="status">
      {room.agent?.name || 'Another agent'} is handling this chat.
    </div>
  );
}
