import type { Dispatch } from 'preact/hooks';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { randomId } from '../../shared/random-id';
import {
  type ConversationEvent,
  conversationReducer,
  initialConversation,
} from '../state/conversation-state';
import { awaitingAck, type PendingMessage } from '../state/outbox';
import { highestSeq } from '../state/timeline';
import { typingNotifier } from '../realtime/typing-notifier';
import { connectVisitor, type VisitorSocket } from '../realtime/visitor-socket';

// An ack slower than this on a live connection is asked for again (same id: no duplicate).
const ACK_TIMEOUT_MS = 10_000;
// socket.io does not retry a handshake the server refused; "unavailable" is worth retrying.
const REFUSED_RETRY_MS = 3_000;
// An agent whose "stopped typing" got lost must not look busy forever.
const AGENT_TYPING_EXPIRY_MS = 8_000;

function transmit(
  socket: VisitorSocket,
  pending: PendingMessage,
  dispatch: Dispatch<ConversationEvent>,
): void {
  const { clientMessageId, body, attachmentIds } = pending;
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit('message:send', { clientMessageId, body, attachmentIds }, (error, answer) => {
      // No answer: resent now if still connected, else by the reconnect.
      if (error) {
        if (socket.connected) transmit(socket, pending, dispatch);
      } else if ('error' in answer) {
        dispatch({ type: 'send-failed', clientMessageId, code: answer.error.code });
      } else {
        dispatch({ type: 'send-acked', clientMessageId, ack: answer });
      }
    });
}

export interface ConversationOptions {
  baseUrl: string;
  roomId: string;
  visitorToken: string;
  /** The visitor has the conversation in front of their eyes (panel open, tab visible). */
  visible: boolean;
  /** The server refused the token: expired, or the room is gone. */
  onUnauthorized(): void;
  /** Shown for an agent typing without a name. */
  agentFallbackName: string;
}

/** One visitor conversation over socket.io: its state, and what the visitor can do in it. */
export function useVisitorConversation(options: ConversationOptions) {
  const { baseUrl, roomId, visitorToken, visible } = options;
  const [state, dispatch] = useReducer(conversationReducer, roomId, initialConversation);
  const socketRef = useRef<VisitorSocket | null>(null);
  const latest = useRef({ state, options });
  useLayoutEffect(() => {
    latest.current = { state, options };
  });

  useEffect(() => {
    const socket = connectVisitor(baseUrl, visitorToken, () => latest.current.state.receivedSeq);
    socketRef.current = socket;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const reconnectLater = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    };

    socket.on('connect', () => {
      dispatch({ type: 'connected' });
      for (const pending of awaitingAck(latest.current.state.outbox))
        transmit(socket, pending, dispatch);
    });
    socket.on('disconnect', (reason) => {
      dispatch({ type: 'disconnected' });
      if (reason === 'io server disconnect') reconnectLater();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') {
        socket.disconnect();
        latest.current.options.onUnauthorized();
      } else if (!socket.active) {
        reconnectLater();
      }
    });
    socket.on('message:new', (message) => dispatch({ type: 'message-received', message }));
    socket.on('room:updated', (update) => dispatch({ type: 'room-updated', update }));
    socket.on('typing', ({ typing, sender }) => {
      if (sender.type !== 'agent') return;
      const name = sender.name || latest.current.options.agentFallbackName;
      dispatch({ type: 'agent-typing', name: typing ? name : undefined });
    });
    socket.on('message:read', ({ seq, reader }) => {
      if (reader.type === 'agent') dispatch({ type: 'read-by-agent', seq });
    });

    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [baseUrl, visitorToken]);

  useEffect(() => {
    if (!state.agentTyping) return;
    const expiry = setTimeout(
      () => dispatch({ type: 'agent-typing', name: undefined }),
      AGENT_TYPING_EXPIRY_MS,
    );
    return () => clearTimeout(expiry);
  }, [state.agentTyping]);

  // Read receipts: the agent learns what the visitor has actually had on screen.
  const readUpTo = useRef(0);
  const topSeq = highestSeq(state.timeline);
  useEffect(() => {
    if (!visible || state.connection !== 'online' || topSeq <= readUpTo.current) return;
    readUpTo.current = topSeq;
    socketRef.current?.emit('message:read', { seq: topSeq });
  }, [visible, state.connection, topSeq]);

  const send = useCallback((body: string, attachmentIds?: string[]) => {
    const pending = {
      clientMessageId: randomId(),
      body,
      ...(attachmentIds?.length ? { attachmentIds } : {}),
      createdAt: new Date().toISOString(),
    };
    dispatch({ type: 'send-queued', pending });
    const socket = socketRef.current;
    if (socket?.connected) transmit(socket, pending, dispatch);
  }, []);

  const retry = useCallback((pending: PendingMessage) => {
    dispatch({ type: 'send-retried', clientMessageId: pending.clientMessageId });
    const socket = socketRef.current;
    if (socket?.connected) transmit(socket, pending, dispatch);
  }, []);

  const typing = useMemo(
    () =>
      typingNotifier((isTyping) => {
        if (socketRef.current?.connected) socketRef.current.emit('typing', { typing: isTyping });
      }),
    [],
  );
  useEffect(() => typing.stop, [typing]);

  return { state, send, retry, typing };
}
