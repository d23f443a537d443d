/**
 * Every API token starts with this: the guard tells a token from a JWT by it, and secret
 * scanners can find a leaked one.
 */
export const API_TOKEN_PREFIX = 'prl_';

export const API_TOKEN_LIMITS = {
  /** Live (neither revoked nor expired) tokens per workspace. */
  activePerTenant: 50,
  nameLength: 60,
  /** The uses `GET /api-tokens/:id/usage` can answer, newest first. */
  usesKept: 100,
  /** How many characters of a token (its prefix included) are kept to tell tokens apart. */
  shownPrefixLength: 12,
} as const;

/** An API token as `GET /api/tenant/api-tokens` answers it: never the token nor its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  /** The token's first characters, e.g. `prl_AbC12xYz`. */
  tokenPrefix: string;
  permissions: string[];
  createdAt: Date;
  /** Null: the token never expires. */
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** `POST /api/tenant/api-tokens`: the only answer that carries the token itself. */
export interface CreatedApiToken extends ApiTokenView {
  token: string;
}

/** One call made with an API token, as any service's guard recorded it. */
export interface ApiTokenUse {
  at: string;
  /** The service that answered: tenant, chat, analytics or email. */
  service: string;
  method: string;
  /** Without the query string. */
  path: string;
  /** The answer's status; absent when the connection closed before an answer. */
  status?: number;
  ip: string;
}
