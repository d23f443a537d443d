import { z } from 'zod';
import { KNOWN_ATTACHMENT_TYPES } from '../attachments';
import { defineEvent } from '../define-event';
import { businessHoursSchema, timeZoneSchema } from '../schedule';

/** How new conversations reach agents: from the queue by hand, or handed out in turn. */
export const autoAssignmentSchema = z.enum(['off', 'round-robin']);

/** What a tenant's admins set for the whole workspace. */
export const tenantSettingsSchema = z.strictObject({
  name: z.string().trim().min(1, 'required').max(120),
  /** The colour of the tenant's emails. */
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour'),
  autoAssignment: autoAssignmentSchema,
  /** The zone business hours, holidays and agents' shifts are read in. */
  timeZone: timeZoneSchema,
  /** Minutes without activity after which an available agent is set away; 0: never. */
  agentAutoAwayMinutes: z.number().int().min(0).max(720),
  /** null: open around the clock. */
  businessHours: businessHoursSchema.nullable(),
  /**
   * The content types accepted as attachments, among those Parley recognises; absent (events
   * and workspaces from before): images, PDF and plain text.
   */
  attachmentTypes: z
    .array(z.enum(KNOWN_ATTACHMENT_TYPES))
    .min(1, 'at least one type')
    .refine((types) => new Set(types).size === types.length, 'a type twice')
    .optional(),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
export type AutoAssignment = z.infer<typeof autoAssignmentSchema>;

/**
 * A tenant's settings changed. Chat picks up auto-assignment and the attachment types; email the
 * name and colour.
 */
export const TenantUpdatedV1 = defineEvent({
  type: 'tenant.tenant.updated',
  version: 1,
  keyKind: 'tenant',
  // Events written before these settings existed lack them: consumers fall back to the defaults.
  payload: tenantSettingsSchema
    .partial({ timeZone: true, agentAutoAwayMinutes: true, businessHours: true })
    .extend({
      tenantId: z.string().min(1),
      updatedAt: z.iso.datetime(),
    }),
});
