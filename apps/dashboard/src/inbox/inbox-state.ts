import type { ChatMessage, QueuePage, RoomSummary, ServerToClientEvents } from '@app/contracts';
import { highestSeq, lowestSeq, mergeMessages, unreadCount } from './message-timeline';
import {
  dropSend,
  failSend,
  type PendingSend,
  retrySend,
  startSend,
  withoutDelivered,
} from './pending-sends';
import { presenceNoticeText, type RoomNotice } from './room-notices';

export type RoomUpdate = Parameters<ServerToClientEvents['room:updated']>[0];

/** A room the inbox knows about, kept current by `room:updated`. */
export interface KnownRoom extends RoomSummary {
  visitorAway: boolean;
}

/** A room as an answer tells it; a REST answer or a close also says why it closed. */
export type RoomInput = RoomSummary;

export interface InboxState {
  myId: string;
  rooms: Record<string, KnownRoom>;
  /** Rooms waiting for an agent, oldest first; null until the server sent the queue. */
  queue: RoomSummary[] | null;
  /** How many wait in all, and where the page after `queue` starts (null: nothing after it). */
  queueTotal: number;
  queueNextCursor: string | null;
  timelines: Record<string, ChatMessage[]>;
  /** Whether a room has history before its first loaded message. */
  hasEarlier: Record<string, boolean>;
  /** The highest seq the agent has seen per room; visitor messages above it are unread. */
  readSeqs: Record<string, number>;
  /** The highest seq the visitor has read per room. */
  visitorReadSeqs: Record<string, number>;
  visitorTyping: Record<string, boolean>;
  notices: Record<string, RoomNotice[]>;
  pending: PendingSend[];
}

export type InboxAction =
  | ({ type: 'queue-updated' } & Pick<QueuePage, 'rooms'> &
      Partial<Pick<QueuePage, 'total' | 'nextCursor'>>)
  /** `mine`: the agent's open rooms at load; what they held then counts as read. */
  | { type: 'rooms-known'; rooms: RoomInput[]; mine?: boolean }
  | { type: 'room-updated'; update: RoomUpdate; at: string }
  | { type: 'message-received'; message: ChatMessage }
  /**
   * A page of history. `latest`: the newest page, which replaces anything older the inbox held
   * (a room seen read-only earlier may have missed messages since); otherwise an earlier page.
   */
  | {
      type: 'history-loaded';
      roomId: string;
      messages: ChatMessage[];
      hasEarlier: boolean;
      latest: boolean;
    }
  | { type: 'room-read'; roomId: string; seq: number }
  | { type: 'visitor-read'; roomId: string; seq: number }
  | { type: 'visitor-typing'; roomId: string; typing: boolean }
  | { type: 'send-started'; send: Omit<PendingSend, 'state'> }
  | { type: 'send-acked'; clientMessageId: string; message: ChatMessage }
  | { type: 'send-failed'; clientMessageId: string; error: string }
  | { type: 'send-retried'; clientMessageId: string }
  | { type: 'send-dropped'; clientMessageId: string };

export function initialInboxState(myId: string): InboxState {
  return {
    myId,
    rooms: {},
    queue: null,
    queueTotal: 0,
    queueNextCursor: null,
    timelines: {},
    hasEarlier: {},
    readSeqs: {},
    visitorReadSeqs: {},
    visitorTyping: {},
    notices: {},
    pending: [],
  };
}

/** The agent's own open chat (a waiting room has no agent). */
export function isMine(state: InboxState, room: KnownRoom | undefined): room is KnownRoom {
  return !!room && room.agent?.id === state.myId && room.status !== 'closed';
}

/** The agent's open chats, in the order they came in. */
export function myRooms(state: InboxState): KnownRoom[] {
  return Object.values(state.rooms)
    .filter((room) => isMine(state, room))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function unreadOf(state: InboxState, roomId: string): number {
  return unreadCount(state.timelines[roomId] ?? [], state.readSeqs[roomId] ?? 0);
}

/**
 * The highest seq this page received per open room: a reconnect replays exactly what came after.
 * A room's `lastSeq` from the REST API says what the server holds, not what the page was sent,
 * so it counts only for a room whose messages the page has not shown at all.
 */
export function reconnectSeqs(state: InboxState): Record<string, number> {
  const seqs: Record<string, number> = {};
  for (const room of myRooms(state)) {
    const timeline = state.timelines[room.roomId] ?? [];
    seqs[room.roomId] = timeline.length > 0 ? highestSeq(timeline) : room.lastSeq;
  }
  return seqs;
}

function known({ closeReason, ...room }: RoomInput, previous?: KnownRoom): KnownRoom {
  return {
    ...room,
    lastSeq: Math.max(room.lastSeq, previous?.lastSeq ?? 0),
    visitorAway: room.status === 'standby',
    closeReason: closeReason ?? previous?.closeReason,
  };
}

function withRoomUpdate(state: InboxState, update: RoomUpdate, at: string): InboxState {
  const previous = state.rooms[update.roomId];
  if (!previous) return state;
  const visitorAway = update.status !== 'closed' && (update.visitorAway ?? false);
  const room: KnownRoom = {
    ...previous,
    status: update.status,
    agent: update.agent,
    category: update.category !== undefined ? update.category : previous.category,
    priority: update.priority ?? previous.priority,
    teamId: update.teamId !== undefined ? update.teamId : previous.teamId,
    visitorAway,
    closeReason: update.reason ?? previous.closeReason,
    sla: update.sla !== undefined ? update.sla : previous.sla,
    labels: update.labels ?? previous.labels,
    csat: update.csat !== undefined ? update.csat : previous.csat,
  };
  const next = { ...state, rooms: { ...state.rooms, [room.roomId]: room } };
  // A visitor who left or whose chat ended is not typing any more, whatever was said last.
  if (update.status === 'closed' || visitorAway)
    next.visitorTyping = { ...state.visitorTyping, [room.roomId]: false };
  const noticeText = isMine(state, room)
    ? presenceNoticeText(previous.visitorAway, visitorAway)
    : undefined;
  if (!noticeText) return next;
  const notice: RoomNotice = {
    id: `${room.roomId}:${at}`,
    afterSeq: Math.max(room.lastSeq, highestSeq(state.timelines[room.roomId] ?? [])),
    text: noticeText,
    at,
  };
  next.notices = {
    ...state.notices,
    [room.roomId]: [...(state.notices[room.roomId] ?? []), notice],
  };
  return next;
}

function withMessages(state: InboxState, roomId: string, messages: ChatMessage[]): InboxState {
  const timeline = mergeMessages(state.timelines[roomId] ?? [], messages);
  const room = state.rooms[roomId];
  const rooms =
    room && highestSeq(timeline) > room.lastSeq
      ? { ...state.rooms, [roomId]: { ...room, lastSeq: highestSeq(timeline) } }
      : state.rooms;
  return {
    ...state,
    rooms,
    timelines: { ...state.timelines, [roomId]: timeline },
    pending: withoutDelivered(state.pending, messages),
  };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'queue-updated':
      return {
        ...state,
        queue: action.rooms,
        queueTotal: action.total ?? action.rooms.length,
        queueNextCursor: action.nextCursor ?? null,
      };
    case 'rooms-known': {
      const rooms = { ...state.rooms };
      const readSeqs = { ...state.readSeqs };
      for (const room of action.rooms) {
        rooms[room.roomId] = known(room, rooms[room.roomId]);
        if (action.mine) readSeqs[room.roomId] ??= room.lastSeq;
      }
      return { ...state, rooms, readSeqs };
    }
    case 'room-updated':
      return withRoomUpdate(state, action.update, action.at);
    case 'message-received': {
      const { message } = action;
      const next = withMessages(state, message.roomId, [message]);
      if (message.sender.type !== 'visitor') return next;
      return { ...next, visitorTyping: { ...next.visitorTyping, [message.roomId]: false } };
    }
    case 'history-loaded': {
      const { roomId, messages } = action;
      const held = state.timelines[roomId] ?? [];
      const pageStart = lowestSeq(messages);
      // What the inbox held before the newest page is kept only when it reaches into the
      // page, so that no gap can hide between them.
      const contiguous =
        pageStart === undefined || held.some((message) => message.seq === pageStart);
      const kept =
        action.latest && !contiguous
          ? held.filter((message) => message.seq >= (pageStart ?? 0))
          : held;
      const next = withMessages(
        { ...state, timelines: { ...state.timelines, [roomId]: kept } },
        roomId,
        messages,
      );
      const hasEarlier = action.hasEarlier && (lowestSeq(next.timelines[roomId]) ?? 0) > 1;
      return { ...next, hasEarlier: { ...state.hasEarlier, [roomId]: hasEarlier } };
    }
    case 'room-read':
      if ((state.readSeqs[action.roomId] ?? 0) >= action.seq) return state;
      return { ...state, readSeqs: { ...state.readSeqs, [action.roomId]: action.seq } };
    case 'visitor-read':
      if ((state.visitorReadSeqs[action.roomId] ?? 0) >= action.seq) return state;
      return {
        ...state,
        visitorReadSeqs: { ...state.visitorReadSeqs, [action.roomId]: action.seq },
      };
    case 'visitor-typing':
      return {
        ...state,
        visitorTyping: { ...state.visitorTyping, [action.roomId]: action.typing },
      };
    case 'send-started':
      return { ...state, pending: startSend(state.pending, action.send) };
    case 'send-acked': {
      const { message } = action;
      const pending = dropSend(state.pending, action.clientMessageId);
      // The broadcast of the message may have come first; its copy is the server's own.
      if (state.timelines[message.roomId]?.some((shown) => shown.id === message.id))
        return { ...state, pending };
      return { ...withMessages(state, message.roomId, [message]), pending };
    }
    case 'send-failed':
      return { ...state, pending: failSend(state.pending, action.clientMessageId, action.error) };
    case 'send-retried':
      return { ...state, pending: retrySend(state.pending, action.clientMessageId) };
    case 'send-dropped':
      return { ...state, pending: dropSend(state.pending, action.clientMessageId) };
  }
}
