import {
  appearanceSchema,
  journeyInputSchema,
  offlineWhenSchema,
  preChatFormSchema,
} from '@app/contracts';
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

/** Deprecated: the flat form of before journeys, saved as the linear journey it amounts to. */
const preChatForm = preChatFormSchema.optional().meta({
  deprecated: true,
  description: 'Deprecated: send `journey`. Saved as a linear journey.',
});

/** One of the two, never both: they would say different things. */
const notBothForms = (body: { journey?: unknown; preChatForm?: unknown }) =>
  body.journey === undefined || body.preChatForm === undefined;
const bothForms = {
  message: 'send journey or (deprecated) preChatForm, not both',
  path: ['preChatForm'],
};

export class CreateChatbotDto extends createZodDto(
  z
    .strictObject({
      name,
      allowedOrigins,
      appearance: appearanceSchema.default(appearanceSchema.parse({})),
      journey: journeyInputSchema.optional(),
      preChatForm,
      offlineWhen: offlineWhenSchema.default('outside-hours'),
    })
    .refine(notBothForms, bothForms),
) {}

export class UpdateChatbotDto extends createZodDto(
  someChange(
    z.strictObject({
      name: name.optional(),
      allowedOrigins: allowedOrigins.optional(),
      appearance: appearanceSchema.optional(),
      journey: journeyInputSchema.optional(),
      preChatForm,
      /** Needs an identity secret (`POST /chatbots/:id/identity-secret`) first. */
      requireVerifiedIdentity: z.boolean().optional(),
      /** Offline mode: outside business hours, with no agent available, both, or never. */
      offlineWhen: offlineWhenSchema.optional(),
    }),
  ).refine(notBothForms, bothForms),
) {}
