import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type Principal } from './access-token';

/** The Redis connection the revocation list lives on (the service's shared one). */
export const REVOCATION_REDIS = Symbol('REVOCATION_REDIS');

/** What the list says of an access token's session. */
export type RevocationStatus = 'valid' | 'session_revoked' | 'token_outdated';

/**
 * One hash per user (tenant first, as every key): `revokedBefore` and `outdatedBefore` are
 * cut-offs in epoch milliseconds for the user's tokens; `sid:<id>` marks one ended session.
 */
export const revocationKeys = {
  user: (tenantId: string, userId: string) => `parley:auth:revocations:${tenantId}:${userId}`,
};

const field = {
  revokedBefore: 'revokedBefore',
  outdatedBefore: 'outdatedBefore',
  session: (sessionId: string) => `sid:${sessionId}`,
};

/**
 * Tokens signed just before the revocation may be checked by a service whose clock runs a little
 * behind the tenant service's: the entry outlives the last token by this much.
 */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Raises a field to a value (never lowers it: events may come twice or out of order), and keeps
 * the hash until `expireAt` at least (never shortens it). KEYS[1] the hash; ARGV field, value,
 * expireAt (ms).
 */
const RAISE_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if redis.call('PEXPIRETIME', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
end
return 1
`;

export const sessionRevoked = () =>
  new UnauthorizedException({
    statusCode: 401,
    code: 'session_revoked',
    message: 'this session was signed out; sign in again',
  });

export const tokenOutdated = () =>
  new UnauthorizedException({
    statusCode: 401,
    code: 'token_outdated',
    message: 'your permissions changed; refresh the access token',
  });

/**
 * Sessions that ended before their access tokens expired, shared by every service through
 * Redis and fed by the tenant service's events (libs/platform's consumer). Entries expire with
 * the last token they could refuse, so the list never outgrows the live tokens.
 *
 * When Redis cannot answer, the check fails closed (503, and `unavailable` on a socket
 * handshake): an outage must not give a stolen token of a signed-out session back its last
 * minutes. Every service already needs Redis to work (chat's messages, tenant's rate limits).
 */
@Injectable()
export class RevocationList {
  constructor(@Inject(REVOCATION_REDIS) private readonly redis: Redis) {}

  /** One session ends, or (no `sessionId`) every session with a token issued before `at`. */
  async revokeSessions(entry: {
    tenantId: string;
    userId: string;
    sessionId?: string;
    at: Date;
    tokensExpireBy: Date;
  }): Promise<void> {
    await this.raise(
      entry,
      entry.sessionId ? field.session(entry.sessionId) : field.revokedBefore,
      entry.at,
    );
  }

  /** The user's tokens issued before `at` state old permissions. */
  async outdatePermissions(entry: {
    tenantId: string;
    userId: string;
    at: Date;
    tokensExpireBy: Date;
  }): Promise<void> {
    await this.raise(entry, field.outdatedBefore, entry.at);
  }

  /** One round trip; throws a 503 when Redis does not answer. */
  async statusOf(principal: Principal): Promise<RevocationStatus> {
    let answer: Array<string | null>;
    try {
      answer = await this.redis.hmget(
        revocationKeys.user(principal.tenantId, principal.userId),
        field.revokedBefore,
        field.outdatedBefore,
        field.session(principal.sessionId),
      );
    } catch {
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'revocation_list_unavailable',
        message: 'sessions cannot be checked right now; try again shortly',
      });
    }
    const [revokedBefore, outdatedBefore, sessionRevokedAt] = answer;
    const issuedAt = principal.issuedAt.getTime();
    if (sessionRevokedAt !== null) return 'session_revoked';
    if (revokedBefore !== null && issuedAt < Number(revokedBefore)) return 'session_revoked';
    if (outdatedBefore !== null && issuedAt < Number(outdatedBefore)) return 'token_outdated';
    return 'valid';
  }

  private async raise(
    entry: { tenantId: string; userId: string; tokensExpireBy: Date },
    name: string,
    at: Date,
  ): Promise<void> {
    const expireAt = entry.tokensExpireBy.getTime() + EXPIRY_MARGIN_MS;
    await this.redis.eval(
      RAISE_SCRIPT,
      1,
      revocationKeys.user(entry.tenantId, entry.userId),
      name,
      at.getTime(),
      expireAt,
    );
  }
}
