import { CANNED_REPLY_LIMITS, CANNED_REPLY_SHORTCUT, unknownPlaceholders } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'required')
  .max(CANNED_REPLY_LIMITS.shortcutLength)
  .regex(CANNED_REPLY_SHORTCUT, 'only letters, digits, - and _');

/** '' clears it, as null does. */
const title = z
  .string()
  .trim()
  .max(CANNED_REPLY_LIMITS.titleLength)
  .nullable()
  .transform((text) => text || null);

// Refused when saved rather than inserted unfilled into a conversation later.
const body = z
  .string()
  .trim()
  .min(1, 'required')
  .max(CANNED_REPLY_LIMITS.bodyLength)
  .superRefine((text, context) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0)
      context.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}; use {{visitor.name}}, {{visitor.email}} or {{agent.name}}`,
      });
  });

export class CreateCannedReplyDto extends createZodDto(
  z.strictObject({
    shortcut,
    title: title.default(null),
    body,
    /** `shared` needs `canned:manage`. */
    scope: z.enum(['shared', 'personal']).default('personal'),
  }),
) {}

/** A reply keeps its scope: moving one means creating it again. */
export class UpdateCannedReplyDto extends createZodDto(
  someChange(
    z.strictObject({
      shortcut: shortcut.optional(),
      title: title.optional(),
      body: body.optional(),
    }),
  ),
) {}

export class ListCannedRepliesQuery extends createZodDto(
  z.strictObject({ q: z.string().trim().max(CANNED_REPLY_LIMITS.titleLength).optional() }),
) {}
