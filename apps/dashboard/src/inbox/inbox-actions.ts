import type { RoomSummary } from '@app/contracts';
import { type AgentSocket, request } from './agent-socket';
import { highestSeq } from './message-timeline';
import { type PendingSend, sendsToDeliver } from './pending-sends';
import { randomId } from './random-id';
import { SocketRequestError } from './socket-errors';
import type { InboxAction, InboxState } from './inbox-state';

export type CloseReason = 'resolved' | 'stale' | 'blocked';

/** What the agent does in the inbox; requests reject with a SocketRequestError. */
export interface InboxActions {
  join(roomId: string): Promise<RoomSummary>;
  send(roomId: string, body: string, attachmentIds?: string[]): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  /** Sends again every message the server has not acknowledged (after a reconnect). */
  deliverPending(): void;
  close(roomId: string, reason: CloseReason): Promise<void>;
  leave(roomId: string): Promise<void>;
  /** To a colleague, or back to a team's queue. */
  transfer(roomId: string, to: { agentId: string } | { teamId: string }): Promise<RoomSummary>;
  typing(roomId: string, typing: boolean): void;
  /** The agent has seen the room up to `seq`; `visitorSeq` tells the visitor so when it is new. */
  markRead(roomId: string, seq: number, visitorSeq?: number): void;
}

export function createInboxActions(
  socket: AgentSocket,
  dispatch: (action: InboxAction) => void,
  state: () => InboxState,
  me: { id: string; name: string },
): InboxActions {
  const known = (room: RoomSummary, closeReason?: CloseReason) =>
    dispatch({
      type: 'rooms-known',
      rooms: [{ ...room, ...(closeReason ? { closeReason } : {}) }],
    });

  const deliver = ({ roomId, clientMessageId, body, attachmentIds }: PendingSend) => {
    request(socket, 'message:send', { roomId, clientMessageId, body, attachmentIds }).then(
      ({ id, seq }) =>
        dispatch({
          type: 'send-acked',
          clientMessageId,
          message: {
            id,
            seq,
            roomId,
            body,
            clientMessageId,
            sender: { type: 'agent', id: me.id, name: me.name },
            createdAt: new Date().toISOString(),
          },
        }),
      (error: unknown) => {
        // Still pending: sent again, with the same id, once the connection is back.
        if (error instanceof SocketRequestError && error.code === 'disconnected') return;
        dispatch({ type: 'send-failed', clientMessageId, error: (error as Error).message });
      },
    );
  };

  return {
    async join(roomId) {
      // The server then replays the messages after those already shown (a waiting room opened
      // read-only has loaded its history over REST).
      const lastSeq = highestSeq(state().timelines[roomId] ?? []);
      const { room } = await request(socket, 'room:join', { roomId, lastSeq });
      known(room);
      return room;
    },
    send(roomId, body, attachmentIds) {
      const send = {
        clientMessageId: randomId(),
        roomId,
        body,
        ...(attachmentIds?.length ? { attachmentIds } : {}),
      };
      dispatch({ type: 'send-started', send });
      deliver({ ...send, state: 'sending' });
    },
    retry(clientMessageId) {
      const send = state().pending.find((pending) => pending.clientMessageId === clientMessageId);
      if (!send) return;
      dispatch({ type: 'send-retried', clientMessageId });
      deliver(send);
    },
    discard(clientMessageId) {
      dispatch({ type: 'send-dropped', clientMessageId });
    },
    deliverPending() {
      sendsToDeliver(state().pending).forEach(deliver);
    },
    async close(roomId, reason) {
      const { room } = await request(socket, 'room:close', { roomId, reason });
      known(room, reason);
    },
    async leave(roomId) {
      const { room } = await request(socket, 'room:leave', { roomId });
      known(room);
    },
    async transfer(roomId, to) {
      const { room } = await request(socket, 'room:transfer', { roomId, ...to });
      known(room);
      return room;
    },
    typing(roomId, typing) {
      if (socket.connected) socket.emit('typing', { roomId, typing });
    },
    markRead(roomId, seq, visitorSeq) {
      dispatch({ type: 'room-read', roomId, seq });
      if (visitorSeq && socket.connected) socket.emit('message:read', { roomId, seq: visitorSeq });
    },
  };
}
