import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * An agent changed a contact's name (search reindexes it). Keyed by tenant: a contact spans
 * rooms, and the tenant key keeps a contact's updates and its erasure in order.
 */
export const ContactUpdatedV1 = defineEvent({
  type: 'chat.contact.updated',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    contactId: z.string().min(1),
    /** Lower case, trimmed: how the contact is known. */
    email: z.string().min(1),
    name: z.string().min(1),
    updatedBy: z.string().min(1),
    updatedAt: z.iso.datetime(),
  }),
});

/**
 * A contact was erased (GDPR): the contact, its notes, and every conversation of its email with
 * their messages, notes and files. Each conversation also had its own `chat.chatroom.deleted`;
 * consumers holding copies (search) remove everything of these rooms and of this email.
 */
export const ContactErasedV1 = defineEvent({
  type: 'chat.contact.erased',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    contactId: z.string().min(1),
    email: z.string().min(1),
    roomIds: z.array(z.string().min(1)),
    /** A user with `contacts:erase`. */
    erasedBy: z.string().min(1),
    erasedAt: z.iso.datetime(),
  }),
});
