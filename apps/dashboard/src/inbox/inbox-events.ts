import type { ServerToClientEvents } from '@app/contracts';
import type { AgentSocket } from './agent-socket';
import type { InboxAction, InboxState } from './inbox-state';

/** A visitor who stopped typing without saying so (closed the tab) stops showing as typing. */
const VISITOR_TYPING_SHOWN_MS = 8000;

interface Sinks {
  dispatch(action: InboxAction): void;
  state(): InboxState;
  /** A room was handed to this agent (a transfer, round-robin) that the inbox has not seen. */
  roomAssigned(roomId: string): void;
}

/** Turns the `/agent` socket's events into inbox actions; returns a function that stops. */
export function routeInboxEvents(socket: AgentSocket, sinks: Sinks): () => void {
  const { dispatch } = sinks;
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const onQueue: ServerToClientEvents['queue:updated'] = ({ rooms, total, nextCursor }) =>
    dispatch({ type: 'queue-updated', rooms, total, nextCursor });

  const onRoomUpdated: ServerToClientEvents['room:updated'] = (update) => {
    const { rooms, myId } = sinks.state();
    if (!rooms[update.roomId] && update.agent?.id === myId && update.status !== 'closed')
      sinks.roomAssigned(update.roomId);
    dispatch({ type: 'room-updated', update, at: new Date().toISOString() });
  };

  const onMessage: ServerToClientEvents['message:new'] = (message) =>
    dispatch({ type: 'message-received', message });

  const onTyping: ServerToClientEvents['typing'] = ({ roomId, typing, sender }) => {
    if (sender.type !== 'visitor') return;
    clearTimeout(typingTimers.get(roomId));
    dispatch({ type: 'visitor-typing', roomId, typing });
    if (typing)
      typingTimers.set(
        roomId,
        setTimeout(
          () => dispatch({ type: 'visitor-typing', roomId, typing: false }),
          VISITOR_TYPING_SHOWN_MS,
        ),
      );
  };

  const onRead: ServerToClientEvents['message:read'] = ({ roomId, seq, reader }) => {
    if (reader.type === 'visitor') dispatch({ type: 'visitor-read', roomId, seq });
  };

  socket.on('queue:updated', onQueue);
  socket.on('room:updated', onRoomUpdated);
  socket.on('message:new', onMessage);
  socket.on('typing', onTyping);
  socket.on('message:read', onRead);
  return () => {
    typingTimers.forEach((timer) => clearTimeout(timer));
    socket.off('queue:updated', onQueue);
    socket.off('room:updated', onRoomUpdated);
    socket.off('message:new', onMessage);
    socket.off('typing', onTyping);
    socket.off('message:read', onRead);
  };
}
