import { z } from 'zod';
import { MAX_ATTACHMENTS_PER_MESSAGE, type MessageAttachment } from './attachments';
import {
  type AgentAvailability,
  agentPresenceSchema,
  type CloseReason,
  closeReasonSchema,
  type RoomPriority,
  roomPrioritySchema,
  roomStatusSchema,
} from './events/chat.v1';
import { type RoomCsat } from './rest/csat';
import { type RoomSla, type SlaBreachAlert } from './rest/sla';

/** The socket.io contract of `/visitor` and `/agent` (path `/socket.io`), shared with the clients. */

export const MAX_MESSAGE_LENGTH = 4000;

const id = z.string().min(1).max(64);

export const messageSendSchema = z
  .strictObject({
    /** Visitors may omit it: their token names their room. */
    roomId: id.optional(),
    /** Chosen by the client; sending the same one again returns the original message. */
    clientMessageId: z.string().min(1).max(64),
    /** May be empty when the message carries attachments. */
    body: z
      .string()
      .trim()
      .max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`)
      .default(''),
    /** Uploads of this room by this sender (`POST /rooms/:id/attachments`), not sent before. */
    attachmentIds: z
      .array(id)
      .max(MAX_ATTACHMENTS_PER_MESSAGE, `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments`)
      .refine((ids) => new Set(ids).size === ids.length, 'an attachment twice')
      .optional(),
  })
  .refine((message) => message.body !== '' || (message.attachmentIds?.length ?? 0) > 0, {
    path: ['body'],
    message: 'empty message',
  });
export const roomRefSchema = z.strictObject({ roomId: id });

export const MAX_NOTE_LENGTH = 4000;

/** A private note in a conversation: for agents only, never sent to the visitor. */
export const noteAddSchema = z.strictObject({
  roomId: id,
  /** Chosen by the client; adding the same one again returns the original note. */
  clientNoteId: z.string().min(1).max(64).optional(),
  body: z
    .string()
    .trim()
    .min(1, 'empty note')
    .max(MAX_NOTE_LENGTH, `at most ${MAX_NOTE_LENGTH} characters`),
});

/** A private note as agents see it; `afterSeq`: the room's last message when it was written. */
export interface RoomNote {
  id: string;
  roomId: string;
  body: string;
  author: { id: string; name: string };
  afterSeq: number;
  createdAt: string;
}
/** The room's messages after `lastSeq` (all of them without it) arrive just before the answer. */
export const roomJoinSchema = roomRefSchema.extend({ lastSeq: z.number().int().min(0).optional() });
export const roomCloseSchema = z.strictObject({
  roomId: id,
  reason: closeReasonSchema.exclude(['abandoned']).default('resolved'),
});
/** The room's agent hands it to another agent, or back to the queue of a team. */
export const roomTransferSchema = z.union([
  z.strictObject({ roomId: id, agentId: id }),
  z.strictObject({ roomId: id, teamId: id }),
]);
/** A supervisor moves any open room: to an agent, to a team's queue, or to the tenant's queue. */
export const roomReassignSchema = z.union([
  z.strictObject({ roomId: id, agentId: id }),
  z.strictObject({ roomId: id, teamId: id }),
  z.strictObject({ roomId: id, toQueue: z.literal(true) }),
]);
/** The room's agent or a supervisor sets its category (a category id, or null) or priority. */
export const roomUpdateSchema = z
  .strictObject({
    roomId: id,
    category: id.nullable().optional(),
    priority: roomPrioritySchema.optional(),
  })
  .refine(
    (update) => update.category !== undefined || update.priority !== undefined,
    'category or priority',
  );
export const typingSchema = z.strictObject({ roomId: id.optional(), typing: z.boolean() });
export const messageReadSchema = z.strictObject({
  roomId: id.optional(),
  seq: z.number().int().min(0),
});

/**
 * An agent sets their status: `available` (takes new chats), `busy` (keeps theirs, no new ones)
 * or `away`. `online` is the deprecated name of `available`, kept for older clients.
 */
export const agentStatusSchema = z.strictObject({
  status: z
    .enum(['available', 'busy', 'away', 'online'])
    .transform((status) => (status === 'online' ? 'available' : status)),
});
export type ChosenAgentStatus = z.output<typeof agentStatusSchema>['status'];
/** `agent:activity` carries nothing: it only says the dashboard is in use. */
export const agentActivitySchema = z.strictObject({});

/**
 * A handshake's token: null or absent when the client has none (the server then refuses the
 * connection as `unauthorized`, as it does an invalid one).
 */
const handshakeToken = z.string().max(4096).nullish();

/** `/visitor`'s handshake `auth`: the room token, and the last seq the visitor has seen. */
export const visitorHandshakeSchema = z.object({
  token: handshakeToken,
  lastSeq: z.number().int().min(0).optional(),
});

/** `/agent`'s handshake `auth`: the access token, and the last seq seen per open room. */
export const agentHandshakeSchema = z.object({
  token: handshakeToken,
  lastSeqs: z.record(id, z.number().int().min(0)).optional(),
});

export type VisitorHandshake = z.input<typeof visitorHandshakeSchema>;
export type AgentHandshake = z.input<typeof agentHandshakeSchema>;

export type AgentPresence = z.infer<typeof agentPresenceSchema>;

export interface AgentPresenceUpdate {
  agentId: string;
  name: string;
  status: AgentAvailability;
}

export type MessageSend = z.infer<typeof messageSendSchema>;
export type MessageSendInput = z.input<typeof messageSendSchema>;

export interface Sender {
  type: 'visitor' | 'agent' | 'system';
  id?: string;
  name?: string;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  seq: number;
  sender: Sender;
  body: string;
  clientMessageId?: string;
  /** Present when the message carries files; their links are fresh with each delivery. */
  attachments?: MessageAttachment[];
  createdAt: string;
}

export interface RoomSummary {
  roomId: string;
  displayId: number;
  chatbotId: string;
  status: z.infer<typeof roomStatusSchema>;
  /** `verified`: the tenant's backend signed the email (identity verification). */
  visitor: { name: string; email: string; verified: boolean };
  agent?: { id: string; name: string };
  /** A category id from the tenant's list (`GET /api/tenant/categories`), or none. */
  category: string | null;
  priority: RoomPriority;
  /** The team whose queue the room waits in (or whose members may take it); null: everyone's. */
  teamId: string | null;
  lastSeq: number;
  createdAt: string;
  queuedAt?: string;
  /** Closed conversations only: when and why (`GET /rooms/:id` says null for an open one). */
  closedAt?: string;
  closeReason?: CloseReason | null;
  /** Agents only: the room's SLA deadlines, or null when no policy applied. */
  sla?: RoomSla | null;
  /** Agents only: ids of the tenant's labels on the room (`GET /api/tenant/labels`). */
  labels?: string[];
  /** Closed as resolved and rated by the visitor: their latest rating; else null. */
  csat?: RoomCsat | null;
  /** Agents only: the Intercom conversation a bridged room forwards to; else null. */
  intercomConversationId?: string | null;
}

/** A page of the conversation history (`GET /rooms`), newest first. */
export interface RoomHistoryPage {
  rooms: RoomSummary[];
  /** The `cursor` of the next page; null on the last. */
  nextCursor: string | null;
}

/**
 * One result of conversation search (`GET /search`): a message, a private note, or the
 * conversation's visitor (name or email) that matched, with its conversation as it is now.
 */
export interface SearchResult {
  kind: 'message' | 'note' | 'visitor';
  /** The message's or note's id; null for a visitor match. */
  id: string | null;
  /** When the message or note was written; for a visitor match, when the conversation began. */
  at: string;
  /**
   * Where the words matched: the text HTML-escaped, each match between `<mark>` and `</mark>`
   * (the only markup in it); a visitor match shows the name and the email.
   */
  highlights: string[];
  room: RoomSummary;
}

export interface SearchPage {
  results: SearchResult[];
  /** The `cursor` of the next page; null on the last. */
  nextCursor: string | null;
}

/**
 * A page of the queue, most urgent first and oldest first within a priority, with what the
 * whole queue holds: agents see how many wait even when a flood fills the first page, and page
 * on with `nextCursor` (`GET /rooms/queue`). Only rooms the agent may see (no team, or one of
 * theirs; a supervisor sees all), narrowed by the filters asked for; the counts too.
 */
export interface QueuePage {
  rooms: RoomSummary[];
  /** Rooms waiting, all pages together. */
  total: number;
  /** Rooms waiting per chatbot id. */
  byChatbot: Record<string, number>;
  /** Rooms waiting per category id (`none`: no category). */
  byCategory: Record<string, number>;
  /** Rooms waiting per team id (`none`: the tenant's queue). */
  byTeam: Record<string, number>;
  byPriority: Partial<Record<RoomPriority, number>>;
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
}

export type SocketError = { error: { code: string; message: string } };
export type Ack<T> = (answer: T | SocketError) => void;

export interface ClientToServerEvents {
  'message:send': (payload: MessageSendInput, ack: Ack<{ id: string; seq: number }>) => void;
  typing: (payload: z.input<typeof typingSchema>, ack?: Ack<{ ok: true }>) => void;
  'message:read': (payload: z.input<typeof messageReadSchema>, ack?: Ack<{ ok: true }>) => void;
  'room:join': (payload: z.input<typeof roomJoinSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:close': (payload: z.input<typeof roomCloseSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:leave': (payload: z.input<typeof roomRefSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:transfer': (
    payload: z.input<typeof roomTransferSchema>,
    ack: Ack<{ room: RoomSummary }>,
  ) => void;
  'room:reassign': (
    payload: z.input<typeof roomReassignSchema>,
    ack: Ack<{ room: RoomSummary }>,
  ) => void;
  'room:update': (
    payload: z.input<typeof roomUpdateSchema>,
    ack: Ack<{ room: RoomSummary }>,
  ) => void;
  'agent:status': (
    payload: z.input<typeof agentStatusSchema>,
    ack?: Ack<{ status: ChosenAgentStatus }>,
  ) => void;
  /** The dashboard is in use (throttled by the client): postpones the automatic away. */
  'agent:activity': (payload: Record<string, never>, ack?: Ack<{ ok: true }>) => void;
  /** Agents only: a private note in a conversation (the visitor namespace refuses it). */
  'note:add': (payload: z.input<typeof noteAddSchema>, ack: Ack<{ note: RoomNote }>) => void;
}

export interface ServerToClientEvents {
  'message:new': (message: ChatMessage) => void;
  /** `/agent` only: a colleague's private note in a room this agent is in. */
  'note:new': (note: RoomNote) => void;
  'room:updated': (update: {
    roomId: string;
    status: RoomSummary['status'];
    agent?: { id: string; name: string };
    category?: string | null;
    priority?: RoomPriority;
    teamId?: string | null;
    visitorAway?: boolean;
    reason?: CloseReason;
    /** `/agent` only: the room's SLA deadlines (they move with its priority). */
    sla?: RoomSla | null;
    /** `/agent` only: ids of the labels on the room. */
    labels?: string[];
    /** The visitor's rating of a resolved conversation (null: not rated). */
    csat?: RoomCsat | null;
  }) => void;
  /** To supervisors: a room missed an SLA target. */
  'sla:breached': (alert: SlaBreachAlert) => void;
  /** The first page of the queue this agent may see (their teams', or all for a supervisor). */
  'queue:updated': (queue: QueuePage) => void;
  typing: (event: { roomId: string; typing: boolean; sender: Sender }) => void;
  'message:read': (event: { roomId: string; seq: number; reader: Sender }) => void;
  /** To a tenant's agents: a colleague's status changed (available, busy, away, offline). */
  'agent:presence': (update: AgentPresenceUpdate) => void;
  /** To an agent: auto-assignment gave them this room (the dashboard notifies and rings). */
  'room:assigned': (event: { room: RoomSummary; how: 'auto' }) => void;
  /**
   * To an agent, just before chat closes the socket: its access token expired (`expired`), what
   * the agent may do changed (`permissions_changed`): reconnect with a refreshed token; or the
   * session was signed out (`revoked`): refreshing will fail too. The client acknowledges; the
   * socket closes then (or a second later without an acknowledgement).
   */
  'session:ended': (event: { reason: AgentSessionEndReason }, ack: () => void) => void;
}

export type AgentSessionEndReason = 'expired' | 'permissions_changed' | 'revoked';
