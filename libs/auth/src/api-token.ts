import { API_TOKEN_PREFIX } from '@app/contracts';
import { z } from 'zod';
import { type Principal } from './access-token';

/**
 * What the tenant service projects into Redis for each live API token: all any service needs to
 * admit its bearer, without calling the tenant service.
 */
export const apiTokenGrantSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  name: z.string(),
  permissions: z.array(z.string()),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
});

export type ApiTokenGrant = z.infer<typeof apiTokenGrantSchema>;

/** A real token is the prefix and 43 characters; a longer bearer is not hashed at all. */
const MAX_API_TOKEN_LENGTH = 128;

/** Whether a bearer is (shaped like) an API token rather than an access token. */
export function isApiTokenBearer(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX) && bearer.length <= MAX_API_TOKEN_LENGTH;
}

/** The `userId` of an API token's principal: no user has such an id. */
export const apiTokenUserId = (tokenId: string): string => `api-token:${tokenId}`;

/** A principal needs an expiry; a token without one is good until revoked. */
const NEVER = new Date('9999-12-31T23:59:59.999Z');

/** The caller a request made with this token acts as: the tenant's backend, with the token's permissions. */
export function principalOfApiToken(grant: ApiTokenGrant): Principal {
  return {
    kind: 'api-token',
    userId: apiTokenUserId(grant.id),
    tenantId: grant.tenantId,
    name: grant.name,
    email: '',
    roles: [],
    permissions: grant.permissions,
    sessionId: apiTokenUserId(grant.id),
    issuedAt: new Date(grant.createdAt),
    expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : NEVER,
  };
}

/** Whether a grant still holds at `now` (Redis drops it at expiry; this covers the clock's edge). */
export function grantHolds(grant: ApiTokenGrant, now: Date): boolean {
  return grant.expiresAt === null || new Date(grant.expiresAt) > now;
}
