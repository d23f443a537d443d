import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * A closed conversation was deleted for good: its messages, and its files from the object
 * store. Analytics keeps its counts (they hold no content).
 */
export const ChatroomDeletedV1 = defineEvent({
  type: 'chat.chatroom.deleted',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    roomId: z.string().min(1),
    chatbotId: z.string().min(1),
    /** Who deleted it (a user with `chats:delete`). */
    deletedBy: z.string().min(1),
    /** How many files went with it. */
    attachments: z.number().int().min(0),
    deletedAt: z.iso.datetime(),
  }),
});
