import { z } from 'zod';
import {
  type AgentAvailability,
  agentPresenceSchema,
  closeReasonSchema,
  roomStatusSchema,
} from './events/chat.v1';

/** The socket.io contract of `/visitor` and `/agent` (path `/socket.io`), shared with the clients. */

export const MAX_MESSAGE_LENGTH = 4000;

const id = z.string().min(1).max(64);

export const messageSendSchema = z.strictObject({
  /** Visitors may omit it: their token names their room. */
  roomId: id.optional(),
  /** Chosen by the client; sending the same one again returns the original message. */
  clientMessageId: z.string().min(1).max(64),
  body: z
    .string()
    .trim()
    .min(1, 'empty message')
    .max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`),
});
export const roomRefSchema = z.strictObject({ roomId: id });
/** The room's messages after `lastSeq` (all of them without it) arrive just before the answer. */
export const roomJoinSchema = roomRefSchema.extend({ lastSeq: z.number().int().min(0).optional() });
export const roomCloseSchema = z.strictObject({
  roomId: id,
  reason: closeReasonSchema.exclude(['abandoned']).default('resolved'),
});
export const roomTransferSchema = z.strictObject({ roomId: id, agentId: id });
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
  lastSeq: number;
  createdAt: string;
  queuedAt?: string;
}

/**
 * A page of the queue, oldest first, with what the whole queue holds: agents see how many wait
 * even when a flood fills the first page, and page on with `nextCursor` (`GET /rooms/queue`).
 */
export interface QueuePage {
  rooms: RoomSummary[];
  /** Rooms waiting in the tenant, all pages together. */
  total: number;
  /** Rooms waiting per chatbot id. */
  byChatbot: Record<string, number>;
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null;
}

export type SocketError = { error: { code: string; message: string } };
export type Ack<T> = (answer: T | SocketError) => void;

export interface ClientToServerEvents {
  'message:send': (payload: MessageSend, ack: Ack<{ id: string; seq: number }>) => void;
  typing: (payload: z.input<typeof typingSchema>, ack?: Ack<{ ok: true }>) => void;
  'message:read': (payload: z.input<typeof messageReadSchema>, ack?: Ack<{ ok: true }>) => void;
  'room:join': (payload: z.input<typeof roomJoinSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:close': (payload: z.input<typeof roomCloseSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:leave': (payload: z.input<typeof roomRefSchema>, ack: Ack<{ room: RoomSummary }>) => void;
  'room:transfer': (
    payload: z.input<typeof roomTransferSchema>,
    ack: Ack<{ room: RoomSummary }>,
  ) => void;
  'agent:status': (
    payload: z.input<typeof agentStatusSchema>,
    ack?: Ack<{ status: ChosenAgentStatus }>,
  ) => void;
  /** The dashboard is in use (throttled by the client): postpones the automatic away. */
  'agent:activity': (payload: Record<string, never>, ack?: Ack<{ ok: true }>) => void;
}

export interface ServerToClientEvents {
  'message:new': (message: ChatMessage) => void;
  'room:updated': (update: {
    roomId: string;
    status: RoomSummary['status'];
    agent?: { id: string; name: string };
    visitorAway?: boolean;
    reason?: string;
  }) => void;
  /** The queue's first page and its counts. */
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
