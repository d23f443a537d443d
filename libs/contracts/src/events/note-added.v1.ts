import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * An agent wrote a private note in a conversation. Like a message's event it carries no text:
 * the note stays in the chat service, where search reads it by id.
 */
export const NoteAddedV1 = defineEvent({
  type: 'chat.note.added',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    roomId: z.string().min(1),
    chatbotId: z.string().min(1),
    noteId: z.string().min(1),
    authorId: z.string().min(1),
    length: z.number().int().min(1),
    addedAt: z.iso.datetime(),
  }),
});
