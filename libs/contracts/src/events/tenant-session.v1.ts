import { z } from 'zod';
import { defineEvent } from '../define-event';

/** Why sessions ended; chat tells the agent's dashboard, the logs keep it. */
export const sessionEndReasonSchema = z.enum([
  'logout',
  'logout-everywhere',
  'password-reset',
  'deactivated',
  'deleted',
  'refresh-token-reused',
]);

export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/**
 * Sessions of a user ended: one (`sessionId`, a sign-out) or every one (no `sessionId`: every
 * access token issued before `revokedAt`). Every service refuses those access tokens from then
 * on; `tokensExpireBy` is when the last of them would have expired anyway, so the list forgets it.
 */
export const SessionsRevokedV1 = defineEvent({
  type: 'tenant.session.revoked',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    userId: z.string().min(1),
    sessionId: z.string().min(1).optional(),
    reason: sessionEndReasonSchema,
    revokedAt: z.iso.datetime(),
    tokensExpireBy: z.iso.datetime(),
  }),
});

/**
 * What a user may do changed: their roles, or the permissions of a role they hold. Access
 * tokens issued before `changedAt` carry the old permissions: every service refuses them
 * (`token_outdated`), so the client refreshes and gets the new ones.
 */
export const UserPermissionsChangedV1 = defineEvent({
  type: 'tenant.user.permissions-changed',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    userId: z.string().min(1),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    changedAt: z.iso.datetime(),
    tokensExpireBy: z.iso.datetime(),
  }),
});
