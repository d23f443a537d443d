import {
  type Jsonified,
  REVIEW_INVITATION_STATUSES,
  REVIEW_SKIP_REASONS,
  type ReviewInvitationsPage,
  type ReviewInvitationStats,
  type ReviewInvitationView,
  type TrustpilotConnectionAnswer,
  type TrustpilotConnectionView,
} from '@app/contracts';
import { z } from 'zod';

/** The bodies the Trustpilot routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const connectionAnswer = z.object({
  businessUnitId: z.string(),
  businessUserId: z.string().nullable(),
  senderName: z.string().nullable(),
  senderEmail: z.string().nullable(),
  replyTo: z.string().nullable(),
  templateId: z.string().nullable(),
  locale: z.string().nullable(),
  onlyRatedFourOrFive: z.boolean(),
  enabled: z.boolean(),
  health: z.object({
    status: z.enum(['ok', 'failing', 'unknown']),
    lastSuccessAt: z.iso.datetime().nullable(),
    lastErrorAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    tokenExpiresAt: z.iso.datetime().nullable(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<TrustpilotConnectionView>>;

export const connectionOrNoneAnswer = z.object({
  connection: connectionAnswer.nullable().describe('null: Trustpilot is not connected'),
}) satisfies z.ZodType<Jsonified<TrustpilotConnectionAnswer>>;

export const invitationAnswer = z.object({
  id: z.string(),
  conversationId: z.string().describe('the room id, or `intercom:<conversation id>`'),
  source: z.enum(['parley', 'intercom']),
  status: z.enum(REVIEW_INVITATION_STATUSES),
  skipReason: z.enum(REVIEW_SKIP_REASONS).nullable(),
  recipient: z.string().nullable().describe('the email, masked'),
  rating: z.number().int().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<ReviewInvitationView>>;

export const invitationsAnswer = z.object({
  invitations: z.array(invitationAnswer),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<Jsonified<ReviewInvitationsPage>>;

export const statsAnswer = z.object({
  days: z.array(
    z.object({
      date: z.string().describe('YYYY-MM-DD, UTC'),
      sent: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
    }),
  ),
}) satisfies z.ZodType<Jsonified<ReviewInvitationStats>>;
