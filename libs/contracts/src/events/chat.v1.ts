import { z } from 'zod';
import { defineEvent } from '../define-event';

/** `offline`: a message left while the chatbot was offline, waiting for an agent to answer by email. */
export const roomStatusSchema = z.enum(['queued', 'active', 'standby', 'closed', 'offline']);
export const closeReasonSchema = z.enum(['resolved', 'abandoned', 'stale', 'blocked']);
export type CloseReason = z.infer<typeof closeReasonSchema>;

/** A room's priority, lowest first: the queue serves urgent > high > normal > low. */
export const ROOM_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const roomPrioritySchema = z.enum(ROOM_PRIORITIES);
export type RoomPriority = z.infer<typeof roomPrioritySchema>;

const visitorSchema = z.object({
  name: z.string(),
  email: z.string(),
  ip: z.string(),
  browser: z.object({
    name: z.string().optional(),
    version: z.string().optional(),
    os: z.string().optional(),
    device: z.string().optional(),
  }),
});

/** Chat events are keyed by chatroom id, so each room's events stay in order. */
const roomRef = { roomId: z.string().min(1), chatbotId: z.string().min(1) };

export const ChatroomCreatedV1 = defineEvent({
  type: 'chat.chatroom.created',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    displayId: z.number().int(),
    visitor: visitorSchema,
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** The answer to the chatbot's category question, if it has one (analytics groups by it). */
    category: z.string().optional(),
    createdAt: z.iso.datetime(),
  }),
});

export const ChatroomAssignedV1 = defineEvent({
  type: 'chat.chatroom.assigned',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    agentId: z.string().min(1),
    /** `join`: the agent took it from the queue; `transfer`: another agent handed it over; `auto`: round-robin. */
    how: z.enum(['join', 'transfer', 'auto']),
    previousAgentId: z.string().optional(),
    /** A supervisor gave the room to this agent (`how: 'transfer'`), not the previous agent. */
    reassignedBy: z.string().optional(),
    queuedAt: z.iso.datetime(),
    assignedAt: z.iso.datetime(),
  }),
});

/**
 * The room waits in the queue again: its agent left it (`left`, the default), transferred it to
 * a team (`transferred`, `teamId` set) or a supervisor returned it (`returned`, `by`).
 */
export const ChatroomRequeuedV1 = defineEvent({
  type: 'chat.chatroom.requeued',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    previousAgentId: z.string().min(1),
    reason: z.enum(['left', 'transferred', 'returned']).optional(),
    /** The team whose queue the room now waits in; absent or null: the tenant's queue. */
    teamId: z.string().nullable().optional(),
    /** The supervisor who returned it. */
    by: z.string().optional(),
    at: z.iso.datetime(),
  }),
});

/**
 * An agent or supervisor changed a room's category, priority or team (the room's fields after
 * the change; `teamId` also changes when a new category routes the waiting room to a team).
 */
export const ChatroomUpdatedV1 = defineEvent({
  type: 'chat.chatroom.updated',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    category: z.string().nullable(),
    priority: roomPrioritySchema,
    teamId: z.string().nullable(),
    /** The agent who changed it; absent: the system (a deleted team's rooms). */
    by: z.string().optional(),
    at: z.iso.datetime(),
  }),
});

export const ChatroomStandbyV1 = defineEvent({
  type: 'chat.chatroom.standby',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({ ...roomRef, at: z.iso.datetime(), expiresAt: z.iso.datetime() }),
});

export const ChatroomResumedV1 = defineEvent({
  type: 'chat.chatroom.resumed',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({ ...roomRef, at: z.iso.datetime() }),
});

export const ChatroomClosedV1 = defineEvent({
  type: 'chat.chatroom.closed',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    reason: closeReasonSchema,
    agentId: z.string().optional(),
    closedBy: z.enum(['agent', 'system']),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime(),
    /**
     * Whether the room met its SLA targets (`firstResponseMet` null: no agent ever answered and
     * the target had not passed); absent when no policy applied. Analytics' compliance rate.
     */
    sla: z
      .object({
        policyId: z.string().min(1),
        teamId: z.string().nullable(),
        category: z.string().nullable(),
        firstResponseMet: z.boolean().nullable(),
        resolutionMet: z.boolean(),
      })
      .optional(),
  }),
});

export const MessageSentV1 = defineEvent({
  type: 'chat.message.sent',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    ...roomRef,
    messageId: z.string().min(1),
    seq: z.number().int().min(1),
    sender: z.object({ type: z.enum(['visitor', 'agent', 'system']), id: z.string().optional() }),
    /** Length only: message bodies stay in the chat service. */
    length: z.number().int().min(0),
    /** How many files the message carries, when it carries any. */
    attachments: z.number().int().min(1).optional(),
    sentAt: z.iso.datetime(),
    /** When the room was created, so the first-response time needs no other event. */
    roomCreatedAt: z.iso.datetime().optional(),
    /** True on the room's first agent message only. */
    firstAgentReply: z.boolean().optional(),
  }),
});

export const agentPresenceSchema = z.enum(['online', 'away', 'offline']);

/**
 * What an agent is to colleagues and to auto-assignment: `available` (takes new chats), `busy`
 * (keeps their chats, gets no new ones), `away` (chosen, or after inactivity), `offline` (no socket).
 */
export const agentAvailabilitySchema = z.enum(['available', 'busy', 'away', 'offline']);
export type AgentAvailability = z.infer<typeof agentAvailabilitySchema>;

/**
 * An agent came online (first socket), went away (by choice) or offline (last socket closed).
 * Keyed by tenant: a tenant's presence changes stay in order.
 */
export const AgentPresenceChangedV1 = defineEvent({
  type: 'chat.agent.presence-changed',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    agentId: z.string().min(1),
    /** `online` for both `available` and `busy` (connected and working), as before statuses grew. */
    status: agentPresenceSchema,
    /** The status itself; absent from events written before it existed. */
    availability: agentAvailabilitySchema.optional(),
    /** `inactivity`: set away automatically after `agentAutoAwayMinutes` without activity. */
    cause: z.enum(['agent', 'connection', 'inactivity']).optional(),
    at: z.iso.datetime(),
  }),
});
