import {
  createContext,
  type Dispatch,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useMe } from '../auth/SessionProvider';
import { type AgentSocket, createAgentSocket } from './agent-socket';
import { unlockSoundOnGesture } from './alert-sound';
import { fetchMyRooms, fetchRoom } from './chat-api';
import { type ConnectionState, watchConnection } from './connection-watch';
import { createInboxActions, type InboxActions } from './inbox-actions';
import { routeInboxEvents } from './inbox-events';
import {
  type InboxAction,
  inboxReducer,
  type InboxState,
  initialInboxState,
  myRooms,
  reconnectSeqs,
} from './inbox-state';
import { useAgentActivity } from './useAgentActivity';
import { useArrivalAlerts } from './useArrivalAlerts';
import { useAssignmentAlerts } from './useAssignmentAlerts';

interface InboxContextValue {
  state: InboxState;
  dispatch: Dispatch<InboxAction>;
  connection: ConnectionState;
  /** Set when the agent's open chats could not be loaded. */
  roomsError: unknown;
  socket: AgentSocket;
  actions: InboxActions;
}

const InboxContext = createContext<InboxContextValue | null>(null);

/**
 * The inbox's one `/agent` socket and everything it tells: the queue, the agent's chats and
 * their messages. Reconnecting replays what was missed, sends unacknowledged messages again
 * and reloads the agent's chats (room changes are not replayed).
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const { user } = useMe();
  const [state, dispatch] = useReducer(inboxReducer, user.id, initialInboxState);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  }, [state]);
  const currentState = useCallback(() => stateRef.current, []);

  const [socket] = useState(() => createAgentSocket(() => reconnectSeqs(stateRef.current)));
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [roomsError, setRoomsError] = useState<unknown>(null);

  const actions = useMemo(
    () => createInboxActions(socket, dispatch, currentState, { id: user.id, name: user.name }),
    [socket, currentState, user.id, user.name],
  );

  const learnRoom = useCallback((roomId: string) => {
    fetchRoom(roomId).then(
      (room) => dispatch({ type: 'rooms-known', rooms: [room] }),
      () => undefined,
    );
  }, []);

  const loadMyRooms = useCallback(async () => {
    try {
      const previouslyMine = myRooms(stateRef.current).map((room) => room.roomId);
      const rooms = await fetchMyRooms();
      dispatch({ type: 'rooms-known', rooms, mine: true });
      setRoomsError(null);
      // Closed or moved while this page was disconnected: learn how they are now.
      const stillMine = new Set(rooms.map((room) => room.roomId));
      previouslyMine.filter((roomId) => !stillMine.has(roomId)).forEach(learnRoom);
    } catch (error) {
      setRoomsError(error);
    }
  }, [learnRoom]);

  useEffect(() => {
    void loadMyRooms();
  }, [loadMyRooms]);

  useEffect(() => {
    let connectedBefore = false;
    const onConnect = () => {
      actions.deliverPending();
      if (connectedBefore) void loadMyRooms();
      connectedBefore = true;
    };
    const stopWatching = watchConnection(socket, setConnection);
    const stopRouting = routeInboxEvents(socket, {
      dispatch,
      state: currentState,
      roomAssigned: learnRoom,
    });
    const stopWaitingForGesture = unlockSoundOnGesture();
    socket.on('connect', onConnect);
    socket.connect();
    return () => {
      socket.off('connect', onConnect);
      stopWaitingForGesture();
      stopRouting();
      stopWatching();
      socket.disconnect();
    };
  }, [socket, actions, currentState, learnRoom, loadMyRooms]);

  useArrivalAlerts(state.queue);
  useAssignmentAlerts(socket);
  useAgentActivity(socket);

  const value = useMemo(
    () => ({ state, dispatch, connection, roomsError, socket, actions }),
    [state, connection, roomsError, socket, actions],
  );
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

export function useInbox(): InboxContextValue {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside InboxProvider');
  return inbox;
}
