import { z } from 'zod';
import { type ChatMessage, type RoomNote, type RoomSummary } from '../chat-socket';
import { type MessageAttachment } from '../attachments';

/** The longest contact name an agent may set, as a visitor's own. */
export const MAX_CONTACT_NAME_LENGTH = 120;
export const MAX_CONTACT_NOTE_LENGTH = 4000;

/** `PATCH /api/chat/contacts/:id`: the name agents know the contact by. */
export const contactRenameSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(MAX_CONTACT_NAME_LENGTH, `at most ${MAX_CONTACT_NAME_LENGTH} characters`),
});

/** `POST /api/chat/contacts/:id/notes`. */
export const contactNoteAddSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'empty note')
    .max(MAX_CONTACT_NOTE_LENGTH, `at most ${MAX_CONTACT_NOTE_LENGTH} characters`),
});

/** A browser the contact came with: distinct by name, version, system and device. */
export interface ContactBrowser {
  name?: string;
  version?: string;
  os?: string;
  device?: string;
  lastSeenAt: Date;
}

/** An address the contact came from. */
export interface ContactAddress {
  ip: string;
  lastSeenAt: Date;
}

/** A visitor as known across conversations, by email, in one tenant. */
export interface ContactProfile {
  id: string;
  /** Lower case, trimmed. */
  email: string;
  /** The name the visitor gave last, unless an agent set one (`nameSetBy`). */
  name: string;
  nameSetBy: { id: string; name: string } | null;
  /** When the first and the latest conversation started. */
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Most recent first, at most 20 of each. */
  browsers: ContactBrowser[];
  addresses: ContactAddress[];
}

/** A note agents keep about a contact (not about one conversation). */
export interface ContactNote {
  id: string;
  contactId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
}

/** One conversation in a contact's export: everything stored about it. */
export interface ContactExportConversation {
  room: RoomSummary & {
    visitor: RoomSummary['visitor'] & {
      ip: string;
      browser: Omit<ContactBrowser, 'lastSeenAt'>;
    };
    answers: Record<string, string | string[]>;
  };
  messages: ChatMessage[];
  notes: RoomNote[];
  /** Every file of the conversation, with links that work for a few minutes. */
  attachments: MessageAttachment[];
}

/** `GET /api/chat/contacts/:id/export`: all Parley's chat service holds about the contact. */
export interface ContactExport {
  exportedAt: Date;
  contact: ContactProfile;
  notes: ContactNote[];
  conversations: ContactExportConversation[];
}
