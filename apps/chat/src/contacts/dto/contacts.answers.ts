import {
  type ContactExport,
  type ContactNote,
  type ContactProfile,
  type Jsonified,
} from '@app/contracts';
import { z } from 'zod';
import { messageAttachmentAnswer } from '../../attachments/attachments.answers';
import { roomNoteAnswer } from '../../notes/notes.controller';
import { chatMessageAnswer, roomSummaryAnswer } from '../../rooms/dto/rooms.answers';

/** The bodies the contacts routes answer, for the OpenAPI document (see `ApiAnswer`). */
const browser = {
  name: z.string().optional(),
  version: z.string().optional(),
  os: z.string().optional(),
  device: z.string().optional(),
};

export const contactAnswer = z.object({
  id: z.string(),
  email: z.string().describe('Lower case, trimmed: how the contact is known.'),
  name: z.string().describe('The name the visitor gave last, unless an agent set one.'),
  nameSetBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('The agent who set the name; null: the visitor’s own.'),
  firstSeenAt: z.iso.datetime().describe('When their first conversation started.'),
  lastSeenAt: z.iso.datetime().describe('When their latest conversation started.'),
  browsers: z
    .array(z.object({ ...browser, lastSeenAt: z.iso.datetime() }))
    .describe('Distinct browsers, most recently seen first (at most 20).'),
  addresses: z
    .array(z.object({ ip: z.string(), lastSeenAt: z.iso.datetime() }))
    .describe('Distinct addresses, most recently seen first (at most 20).'),
}) satisfies z.ZodType<Jsonified<ContactProfile>>;

export const contactNoteAnswer = z.object({
  id: z.string(),
  contactId: z.string(),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<ContactNote>>;

export const contactExportAnswer = z.object({
  exportedAt: z.iso.datetime(),
  contact: contactAnswer,
  notes: z.array(contactNoteAnswer),
  conversations: z.array(
    z.object({
      room: roomSummaryAnswer.extend({
        visitor: roomSummaryAnswer.shape.visitor.extend({
          ip: z.string(),
          browser: z.object(browser),
        }),
        answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      }),
      messages: z.array(
        chatMessageAnswer.extend({ attachments: z.array(messageAttachmentAnswer).optional() }),
      ),
      notes: z.array(roomNoteAnswer),
      attachments: z
        .array(messageAttachmentAnswer)
        .describe('Every file of the conversation; links work for a few minutes.'),
    }),
  ),
}) satisfies z.ZodType<Jsonified<ContactExport>>;
