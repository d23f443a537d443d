import { Link } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { RoomLabelPicker } from '../labels/RoomLabelPicker';
import { useLabels } from '../labels/useLabels';
import { Badge } from '../ui/Badge';
import { Avatar } from './Avatar';
import { ConversationActions } from './ConversationActions';
import type { KnownRoom } from './inbox-state';
import { RoomLabelEditor } from './RoomLabelEditor';
import { RoomLabels } from './RoomLabels';
import { roomStatusLabel } from './room-status';
import { SlaCountdown } from './SlaCountdown';
import { useNow } from './useNow';
import { useRouting } from './useRouting';
import { VisitorEmail } from './VisitorEmail';

interface ConversationHeaderProps {
  room: KnownRoom;
  mine: boolean;
  detailsOpen: boolean;
  onToggleDetails(): void;
}

/** Who the visitor is, where the chat stands, and (in the agent's own chat) the actions. */
export function ConversationHeader({
  room,
  mine,
  detailsOpen,
  onToggleDetails,
}: ConversationHeaderProps) {
  const name = room.visitor.name || 'Visitor';
  const status = roomStatusLabel(room);
  const routing = useRouting();
  const labels = useLabels();
  const { can } = useSession();
  const mayLabel = room.status !== 'closed' && (mine || can('chats:supervise'));
  const now = useNow();
  return (
    <header className="inbox-conversation-header">
      <div className="inbox-conversation-title">
        <Link to="/inbox" className="inbox-back">
          <span aria-hidden="true">←</span> All chats
        </Link>
        <Avatar name={name} />
        <div className="inbox-conversation-who">
          <h2 className="inbox-conversation-name">
            {name} <span className="inbox-display-id">#{room.displayId}</span>
          </h2>
          <VisitorEmail email={room.visitor.email} verified={room.visitor.verified} />
        </div>
        <span data-testid="room-status">
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
        <RoomLabels room={room} routing={routing} withLabels={false} />
        <SlaCountdown sla={room.sla} now={now} />
        <button
          type="button"
          className="button inbox-details-toggle"
          aria-expanded={detailsOpen}
          aria-controls="inbox-visitor-details"
          onClick={onToggleDetails}
        >
          Visitor details
        </button>
      </div>
      {mayLabel && <RoomLabelEditor room={room} routing={routing} />}
      <RoomLabelPicker room={room} labels={labels} />
      {mine && (
        <ConversationActions
          roomId={room.roomId}
          visitorName={name}
          visitorEmail={room.visitor.email}
        />
      )}
    </header>
  );
}
