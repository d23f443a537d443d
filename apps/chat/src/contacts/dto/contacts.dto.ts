import { contactNoteAddSchema, contactRenameSchema } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { historyCursorSchema } from '../../rooms/room-history';

export class RenameContactDto extends createZodDto(contactRenameSchema) {}

export class AddContactNoteDto extends createZodDto(contactNoteAddSchema) {}

/** `GET /contacts`: the contact of an email, or of a room's visitor; one of them. */
export class ContactLookupQuery extends createZodDto(
  z
    .strictObject({
      email: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email('a valid email address').max(254))
        .optional()
        .describe('Any case; matched trimmed and in lower case.'),
      roomId: z.string().min(1).max(64).optional(),
    })
    .refine((query) => (query.email === undefined) !== (query.roomId === undefined), {
      message: 'email or roomId, one of them',
      path: ['email'],
    }),
) {}

/** A page of a contact's conversations. */
export class ContactConversationsQuery extends createZodDto(
  z.strictObject({
    cursor: historyCursorSchema
      .optional()
      .describe('`nextCursor` of the page before; without it, the newest page.'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
) {}
