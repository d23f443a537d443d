import { z } from 'zod';

/** The only signature algorithm accepted; `none`, HMAC and everything else are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';

/** What an access token says about its bearer. Short-lived, so it may be trusted as is. */
export const accessTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  perms: z.array(z.string()),
  sid: z.string().min(1),
  iat: z.number(),
  /**
   * `iat` in milliseconds: a revocation or a permission change cuts off exactly the tokens
   * issued before it, not the whole second it happened in. Absent from older tokens.
   */
  iatMs: z.number().optional(),
  exp: z.number(),
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** The authenticated caller of a request, as guards and handlers see it. */
export interface Principal {
  /** A person signed in (an access token), or a tenant's backend (an API token). */
  kind: 'user' | 'api-token';
  /** For an API token, `api-token:<id>`: no user has such an id. */
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  roles: string[];
  permissions: string[];
  /** The refresh-token family (session) the access token was issued for. */
  sessionId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export function principalFromClaims(claims: AccessTokenClaims): Principal {
  return {
    kind: 'user',
    userId: claims.sub,
    tenantId: claims.tid,
    name: claims.name,
    email: claims.email,
    roles: claims.roles,
    permissions: claims.perms,
    sessionId: claims.sid,
    issuedAt: new Date(claims.iatMs ?? claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  };
}
