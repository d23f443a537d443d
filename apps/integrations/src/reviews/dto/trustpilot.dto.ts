import { REVIEW_INVITATION_STATUSES, TRUSTPILOT_LIMITS } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Trustpilot's ids (business units, business users, templates) are hex strings. */
const trustpilotId = z
  .string()
  .trim()
  .min(1)
  .max(TRUSTPILOT_LIMITS.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a Trustpilot id (letters, digits, - or _)');

const credential = z.string().trim().min(1).max(TRUSTPILOT_LIMITS.credentialLength);
const email = z.email().max(TRUSTPILOT_LIMITS.emailLength);

/**
 * The whole connection: a field left out is cleared. The API key and secret may be left out once
 * connected (they are never shown, so a form cannot send them back): the stored ones stay.
 */
export class ConnectTrustpilotDto extends createZodDto(
  z.strictObject({
    businessUnitId: trustpilotId,
    apiKey: credential.optional(),
    apiSecret: credential.optional(),
    businessUserId: trustpilotId.nullable().optional(),
    senderName: z
      .string()
      .trim()
      .min(1)
      .max(TRUSTPILOT_LIMITS.senderNameLength)
      .nullable()
      .optional(),
    senderEmail: email.nullable().optional(),
    replyTo: email.nullable().optional(),
    templateId: trustpilotId.nullable().optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2}-[A-Z]{2}$/, 'expected a locale such as en-US')
      .nullable()
      .optional(),
    onlyRatedFourOrFive: z.boolean().default(false),
    enabled: z.boolean().default(true),
  }),
) {}

export class InvitationsQueryDto extends createZodDto(
  z.strictObject({
    status: z.enum(REVIEW_INVITATION_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  }),
) {}

export class InvitationStatsQueryDto extends createZodDto(
  z.strictObject({
    days: z.coerce.number().int().min(1).max(TRUSTPILOT_LIMITS.statsDays).default(14),
  }),
) {}
