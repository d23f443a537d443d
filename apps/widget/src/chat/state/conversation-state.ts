import type { ChatMessage, ServerToClientEvents } from '@app/contracts';
import {
  acknowledged,
  enqueue,
  find,
  markFailed,
  markRetrying,
  type Outbox,
  type PendingMessage,
  settle,
} from './outbox';
import { highestSeq, type Timeline, withMessage } from './timeline';

export type RoomUpdate = Parameters<ServerToClientEvents['room:updated']>[0];

export type Connection = 'connecting' | 'online' | 'reconnecting';

/** A line in the log about the room rather than from a person: an agent joined or left. */
export interface Notice {
  key: string;
  /** Shown after the message with this `seq`. */
  afterSeq: number;
  kind: 'joined' | 'left';
  name: string;
}

export interface ConversationState {
  roomId: string;
  timeline: Timeline;
  /**
   * The highest `seq` the server's stream delivered, which a reconnect resumes after. Not the
   * timeline's: an ack can carry a higher `seq` than a broadcast lost in the same blip.
   */
  receivedSeq: number;
  outbox: Outbox;
  room?: RoomUpdate;
  notices: readonly Notice[];
  /** The name of the agent typing right now. */
  agentTyping?: string;
  /** The agent has read every message up to this `seq`. */
  agentReadSeq: number;
  connection: Connection;
}

export type ConversationEvent =
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'message-received'; message: ChatMessage }
  | { type: 'send-queued'; pending: PendingMessage }
  | { type: 'send-acked'; clientMessageId: string; ack: { id: string; seq: number } }
  | { type: 'send-failed'; clientMessageId: string; code: string }
  | { type: 'send-retried'; clientMessageId: string }
  | { type: 'room-updated'; update: RoomUpdate }
  | { type: 'agent-typing'; name?: string }
  | { type: 'read-by-agent'; seq: number };

export function initialConversation(roomId: string): ConversationState {
  return {
    roomId,
    timeline: [],
    receivedSeq: 0,
    outbox: [],
    notices: [],
    agentReadSeq: 0,
    connection: 'connecting',
  };
}

function agentChanges(state: ConversationState, next: RoomUpdate): Notice[] {
  const before = state.room?.agent;
  const after = next.agent;
  // The first update after connecting describes the room as it is, not a change.
  if (!state.room || before?.id === after?.id) return [];
  const afterSeq = highestSeq(state.timeline);
  const notices: Notice[] = [];
  if (before && next.status !== 'closed')
    notices.push({
      key: `left:${afterSeq}:${state.notices.length}`,
      afterSeq,
      kind: 'left',
      name: before.name,
    });
  if (after)
    notices.push({
      key: `joined:${afterSeq}:${state.notices.length}`,
      afterSeq,
      kind: 'joined',
      name: after.name,
    });
  return notices;
}

function received(state: ConversationState, message: ChatMessage): ConversationState {
  const fromAgent = message.sender.type === 'agent';
  return {
    ...state,
    timeline: withMessage(state.timeline, message),
    receivedSeq: Math.max(state.receivedSeq, message.seq),
    outbox: message.clientMessageId ? settle(state.outbox, message.clientMessageId) : state.outbox,
    agentTyping: fromAgent ? undefined : state.agentTyping,
  };
}

export function conversationReducer(
  state: ConversationState,
  event: ConversationEvent,
): ConversationState {
  switch (event.type) {
    case 'connected':
      return { ...state, connection: 'online' };
    case 'disconnected':
      return { ...state, connection: 'reconnecting', agentTyping: undefined };
    case 'message-received':
      return received(state, event.message);
    case 'send-queued':
      return { ...state, outbox: enqueue(state.outbox, event.pending) };
    case 'send-acked': {
      const pending = find(state.outbox, event.clientMessageId);
      if (!pending) return state;
      return {
        ...state,
        timeline: withMessage(state.timeline, acknowledged(pending, event.ack, state.roomId)),
        outbox: settle(state.outbox, event.clientMessageId),
      };
    }
    case 'send-failed':
      return { ...state, outbox: markFailed(state.outbox, event.clientMessageId, event.code) };
    case 'send-retried':
      return { ...state, outbox: markRetrying(state.outbox, event.clientMessageId) };
    case 'room-updated':
      return {
        ...state,
        room: event.update,
        notices: [...state.notices, ...agentChanges(state, event.update)],
      };
    case 'agent-typing':
      return { ...state, agentTyping: event.name };
    case 'read-by-agent':
      return { ...state, agentReadSeq: Math.max(state.agentReadSeq, event.seq) };
  }
}
