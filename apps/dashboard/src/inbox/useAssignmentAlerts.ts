import type { ServerToClientEvents } from '@app/contracts';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { AgentSocket } from './agent-socket';
import { playChime } from './alert-sound';
import { notifyAgent } from './desktop-notifications';
import { soundWanted } from './sound-preference';

/**
 * A chat auto-assignment gave this agent (`room:assigned`): the chime (when sound is on) and a
 * desktop notification (when allowed and the page is elsewhere), whose click opens the chat.
 */
export function useAssignmentAlerts(socket: AgentSocket): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onAssigned: ServerToClientEvents['room:assigned'] = ({ room }) => {
      if (soundWanted()) playChime();
      notifyAgent(
        `Chat assigned to you: ${room.visitor.name || 'a visitor'}`,
        room.visitor.email,
        `parley-assigned-${room.roomId}`,
        () => navigate(`/inbox/${room.roomId}`),
      );
    };
    socket.on('room:assigned', onAssigned);
    return () => {
      socket.off('room:assigned', onAssigned);
    };
  }, [socket, navigate]);
}
