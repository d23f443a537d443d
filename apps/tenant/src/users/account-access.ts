import { type Principal } from '@app/auth';
import { type AgentSnapshot, type AgentStatus } from '@app/contracts';
import { type Grants } from '../roles/role-grants';
import { type AccessTokenSubject } from '../tokens/access-tokens.service';
import { type UserStatus } from './user.schema';
import { type UserRecord } from './users.repository';

/** May this user start or keep a session? */
export function canSignIn(user: UserRecord | null): user is UserRecord {
  return user !== null && user.status === 'active';
}

/**
 * Is the session a token was issued for still open? Not once its user may no longer sign in, nor
 * when the token predates "log out everywhere" (both in whole seconds, as a token's `iat` is).
 */
export function sessionStillOpen(
  principal: Pick<Principal, 'issuedAt'>,
  user: UserRecord | null,
): user is UserRecord {
  if (!canSignIn(user)) return false;
  return !user.sessionsRevokedAt || principal.issuedAt >= user.sessionsRevokedAt;
}

/** The claims an access token states about its user (all but the session). */
export function tokenSubject(user: UserRecord, grants: Grants): Omit<AccessTokenSubject, 'sid'> {
  return {
    sub: user.id,
    tid: user.tenantId,
    name: user.name,
    email: user.email,
    roles: grants.roles,
    perms: grants.permissions,
  };
}

/** A status as others see it: a sign-up still waiting for its email link is no agent yet. */
export function agentStatus(status: UserStatus): AgentStatus {
  return status === 'unverified' ? 'invited' : status;
}

/** What the other services learn about a user (chat keeps its agents from this). */
export function agentSnapshot(user: UserRecord, grants: Grants): AgentSnapshot {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: grants.roles,
    permissions: grants.permissions,
    status: agentStatus(user.status),
    maxConcurrentChats: user.maxConcurrentChats,
    shifts: user.shifts,
  };
}
