import { NavLink } from 'react-router';
import { LabelChips } from '../labels/LabelChip';
import { useLabels } from '../labels/useLabels';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Avatar } from './Avatar';
import { myRooms, unreadOf } from './inbox-state';
import { useInbox } from './InboxProvider';
import { SlaCountdown } from './SlaCountdown';
import { useNow } from './useNow';

/** The agent's open chats, with unread counts and whether the visitor is still there. */
export function MyChatsList() {
  const { state, roomsError } = useInbox();
  const rooms = myRooms(state);
  const now = useNow();
  const { labelOf } = useLabels();

  return (
    <section className="inbox-section" aria-labelledby="inbox-mine-heading">
      <h2 id="inbox-mine-heading" className="inbox-section-title">
        My chats
        <span className="inbox-count">{rooms.length}</span>
      </h2>
      <ErrorMessage error={roomsError} />
      {rooms.length === 0 ? (
        <p className="inbox-empty">Join a waiting visitor to start chatting.</p>
      ) : (
        <ul className="inbox-list" aria-label="My chats">
          {rooms.map((room) => {
            const name = room.visitor.name || 'Visitor';
            const unread = unreadOf(state, room.roomId);
            const timeline = state.timelines[room.roomId] ?? [];
            const last = timeline[timeline.length - 1];
            return (
              <li key={room.roomId} data-room-id={room.roomId}>
                <NavLink to={`/inbox/${room.roomId}`} className="inbox-chat-item">
                  <Avatar name={name} />
                  <span className="inbox-item-text">
                    <span className="inbox-item-name">{name}</span>
                    <span className="inbox-item-sub">{last ? last.body : room.visitor.email}</span>
                    <LabelChips ids={room.labels} labelOf={labelOf} />
                  </span>
                  <span className="inbox-item-marks">
                    {room.visitorAway && <span className="inbox-away-chip">Away</span>}
                    <SlaCountdown sla={room.sla} now={now} />
                    {unread > 0 && (
                      <span className="inbox-unread" aria-label={`${unread} unread`}>
                        {unread}
                      </span>
                    )}
                  </span>
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
