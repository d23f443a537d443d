import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_LIMITS, webhookEventsSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * An http(s) URL without credentials. Whether its host may be reached is decided after the
 * schema, by resolving it (400 `url_not_allowed`).
 */
const webhookUrl = z
  .string()
  .trim()
  .max(WEBHOOK_LIMITS.urlLength)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'expected an http or https URL')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'must not carry credentials: check the Parley-Signature header instead');

const fields = {
  url: webhookUrl,
  events: webhookEventsSchema,
  description: z.string().trim().max(WEBHOOK_LIMITS.descriptionLength).optional(),
  enabled: z.boolean().optional(),
};

export class CreateWebhookDto extends createZodDto(z.strictObject(fields)) {}

export class UpdateWebhookDto extends createZodDto(
  someChange(
    z.strictObject({
      url: fields.url.optional(),
      events: fields.events.optional(),
      description: fields.description,
      enabled: fields.enabled,
    }),
  ),
) {}

export class DeliveriesQueryDto extends createZodDto(
  z.strictObject({
    status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  }),
) {}
