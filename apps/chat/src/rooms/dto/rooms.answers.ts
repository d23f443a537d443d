import {
  type ChatMessage,
  closeReasonSchema,
  type Jsonified,
  type QueuePage,
  type RoomHistoryPage,
  type RoomSummary,
  roomPrioritySchema,
  roomStatusSchema,
} from '@app/contracts';
import { z } from 'zod';
import { csatAnswer } from '../../csat/dto/csat.dto';
import { messageAttachmentAnswer } from '../../attachments/attachments.answers';

/** The bodies the rooms routes answer, for the OpenAPI document (see `ApiAnswer`). */
const slaTargetAnswer = z.object({
  dueAt: z.iso.datetime(),
  metAt: z.iso.datetime().nullable(),
  breachedAt: z.iso.datetime().nullable(),
});

export const roomSummaryAnswer = z.object({
  roomId: z.string(),
  displayId: z.int().min(1).describe('The tenant’s sequential number of the conversation.'),
  chatbotId: z.string(),
  status: roomStatusSchema,
  visitor: z.object({
    name: z.string(),
    email: z.string(),
    verified: z
      .boolean()
      .describe("The tenant's backend signed the email (identity verification)."),
  }),
  agent: z.object({ id: z.string(), name: z.string() }).optional(),
  category: z.string().nullable().describe("A category id from the tenant's list, or none."),
  priority: roomPrioritySchema,
  teamId: z.string().nullable().describe('The team whose queue the room is in; null: everyone’s.'),
  lastSeq: z.int().min(0),
  createdAt: z.iso.datetime(),
  queuedAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional().describe('Closed conversations only.'),
  closeReason: closeReasonSchema.nullable().optional().describe('Closed conversations only.'),
  labels: z
    .array(z.string())
    .optional()
    .describe('Agents only: ids of the labels on the room (`GET /api/tenant/labels`).'),
  csat: csatAnswer
    .nullable()
    .optional()
    .describe('Closed as resolved and rated by the visitor: their latest rating; else null.'),
  intercomConversationId: z
    .string()
    .nullable()
    .optional()
    .describe('Agents only: the Intercom conversation a bridged room forwards to; else null.'),
  sla: z
    .object({
      policyId: z.string(),
      startedAt: z.iso.datetime().describe('The countdown starts here (the room’s creation).'),
      firstResponse: slaTargetAnswer.describe('Met by the first agent message.'),
      resolution: slaTargetAnswer.describe('Met by the close.'),
    })
    .nullable()
    .optional()
    .describe('The SLA deadlines; null when no policy applies.'),
}) satisfies z.ZodType<Jsonified<RoomSummary>>;

export const roomListAnswer = z.object({ rooms: z.array(roomSummaryAnswer) });

/** A page of the history, newest first. */
export const roomHistoryAnswer = z.object({
  rooms: z.array(roomSummaryAnswer),
  nextCursor: z.string().nullable().describe('The `cursor` of the next page; null on the last.'),
}) satisfies z.ZodType<Jsonified<RoomHistoryPage>>;

/** A page of the queue with the counts of the whole queue. */
export const queuePageAnswer = z.object({
  rooms: z.array(roomSummaryAnswer),
  total: z.int().min(0).describe('Rooms waiting in the tenant, all pages together.'),
  byChatbot: z.record(z.string(), z.int().min(0)).describe('Rooms waiting per chatbot id.'),
  byCategory: z
    .record(z.string(), z.int().min(0))
    .describe('Rooms waiting per category id (`none`: without one).'),
  byTeam: z
    .record(z.string(), z.int().min(0))
    .describe('Rooms waiting per team id (`none`: the tenant’s queue).'),
  byPriority: z.partialRecord(roomPrioritySchema, z.int().min(0)),
  nextCursor: z.string().nullable().describe('The `cursor` of the next page; null on the last.'),
}) satisfies z.ZodType<Jsonified<QueuePage>>;

/** A room with what its agent sees of the visitor. */
export const roomAnswer = roomSummaryAnswer.extend({
  visitor: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    ip: z.string(),
    browser: z.object({
      name: z.string().optional(),
      version: z.string().optional(),
      os: z.string().optional(),
      device: z.string().optional(),
    }),
    verified: z.boolean(),
  }),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  answerFiles: z
    .record(z.string(), messageAttachmentAnswer)
    .describe(
      'The files answering image questions, by question id, with fresh links (the answer is the file’s id).',
    ),
  journey: z
    .object({ version: z.int().min(1), path: z.array(z.string()) })
    .nullable()
    .describe('The journey version the visitor walked and its nodes, start to end.'),
  closeReason: closeReasonSchema.nullable(),
});

export const chatMessageAnswer = z.object({
  id: z.string(),
  roomId: z.string(),
  seq: z.int().min(1),
  sender: z.object({
    type: z.enum(['visitor', 'agent', 'system']),
    id: z.string().optional(),
    name: z.string().optional(),
  }),
  body: z.string(),
  clientMessageId: z.string().optional(),
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<ChatMessage>>;

export const historyAnswer = z.object({
  messages: z.array(chatMessageAnswer),
  hasMore: z.boolean().describe('More messages lie beyond this page in its direction.'),
});
