import { appearanceSchema, offlineWhenSchema, preChatFormSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** `https://shop.example.com` or `http://localhost:3000`: scheme, host and port only. */
const origin = z
  .string()
  .max(255)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        ['http:', 'https:'].includes(url.protocol) &&
        url.origin === value.toLowerCase().replace(/\/$/, '')
      );
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example.com (no path)')
  .meta({
    description: 'An origin such as https://shop.example.com: scheme, host and port, no path.',
    pattern: '^https?://[a-zA-Z0-9.-]+(:[0-9]{1,5})?/?$',
  })
  .transform((value) => new URL(value).origin);

const name = z.string().trim().min(1, 'required').max(120);
const allowedOrigins = z.array(origin).min(1, 'at least one origin').max(50);

export class CreateChatbotDto extends createZodDto(
  z.strictObject({
    name,
    allowedOrigins,
    appearance: appearanceSchema.default(appearanceSchema.parse({})),
    preChatForm: preChatFormSchema.default({ fields: [] }),
    offlineWhen: offlineWhenSchema.default('outside-hours'),
  }),
) {}

export class UpdateChatbotDto extends createZodDto(
  someChange(
    z.strictObject({
      name: name.optional(),
      allowedOrigins: allowedOrigins.optional(),
      appearance: appearanceSchema.optional(),
      preChatForm: preChatFormSchema.optional(),
      /** Needs an identity secret (`POST /chatbots/:id/identity-secret`) first. */
      requireVerifiedIdentity: z.boolean().optional(),
      /** Offline mode: outside business hours, with no agent available, both, or never. */
      offlineWhen: offlineWhenSchema.optional(),
    }),
  ),
) {}
