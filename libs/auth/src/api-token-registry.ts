import { API_TOKEN_LIMITS, type ApiTokenUse } from '@app/contracts';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { type ApiTokenGrant, apiTokenGrantSchema, grantHolds, isApiTokenBearer } from './api-token';
import { REVOCATION_REDIS } from './revocation-list';
import { sha256 } from './secret-hash';

/**
 * A grant is found from the bearer alone, so its key is the token's hash (a key under the tenant
 * would need the tenant's id in every token). Uses are kept under the tenant, as every key.
 */
export const apiTokenKeys = {
  grant: (tokenHash: string) => `parley:auth:api-tokens:${tokenHash}`,
  uses: (tenantId: string, tokenId: string) => `parley:auth:api-token-uses:${tenantId}:${tokenId}`,
};

/** The uses of a token no one called for this long are forgotten. */
const USES_KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** What this registry wrote, read back; null for anything else. */
function fromJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * The API tokens every service admits, in the shared Redis: the tenant service writes a grant
 * when a token is created (and rewrites them all at start), deletes it when the token is
 * revoked, and Redis drops it when it expires. Each use is appended to a short per-token log.
 *
 * As for the revocation list, a lookup Redis cannot answer fails closed (503).
 */
@Injectable()
export class ApiTokenRegistry {
  constructor(@Inject(REVOCATION_REDIS) private readonly redis: Redis) {}

  /** Lets every service admit the token whose hash this is, until it expires. */
  async grant(tokenHash: string, grant: ApiTokenGrant): Promise<void> {
    const key = apiTokenKeys.grant(tokenHash);
    const value = JSON.stringify(grant);
    if (grant.expiresAt === null) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PXAT', new Date(grant.expiresAt).getTime());
  }

  /** Every service refuses the token from now on. */
  async withdraw(tokenHash: string): Promise<void> {
    await this.redis.del(apiTokenKeys.grant(tokenHash));
  }

  /** The grant of a live API token, or null for anything else; a 503 when Redis is away. */
  async admit(bearer: string, now = new Date()): Promise<ApiTokenGrant | null> {
    if (!isApiTokenBearer(bearer)) return null;
    let raw: string | null;
    try {
      raw = await this.redis.get(apiTokenKeys.grant(sha256(bearer)));
    } catch {
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'api_tokens_unavailable',
        message: 'API tokens cannot be checked right now; try again shortly',
      });
    }
    if (raw === null) return null;
    const grant = apiTokenGrantSchema.safeParse(fromJson(raw));
    if (!grant.success || !grantHolds(grant.data, now)) return null;
    return grant.data;
  }

  /** Appends a use to the token's log, which keeps the newest ones only. */
  async recordUse(tenantId: string, tokenId: string, use: ApiTokenUse): Promise<void> {
    const key = apiTokenKeys.uses(tenantId, tokenId);
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(use))
      .ltrim(key, 0, API_TOKEN_LIMITS.usesKept - 1)
      .pexpire(key, USES_KEPT_FOR_MS)
      .exec();
  }

  /** The token's latest uses, newest first. */
  async usesOf(tenantId: string, tokenId: string): Promise<ApiTokenUse[]> {
    const raw = await this.redis.lrange(
      apiTokenKeys.uses(tenantId, tokenId),
      0,
      API_TOKEN_LIMITS.usesKept - 1,
    );
    return raw.map(fromJson).filter((use): use is ApiTokenUse => use !== null);
  }

  /** When each of these tokens was last used, by what their logs say (null: not since kept). */
  async lastUsesOf(tenantId: string, tokenIds: string[]): Promise<Map<string, Date | null>> {
    const heads = await Promise.all(
      tokenIds.map((id) => this.redis.lindex(apiTokenKeys.uses(tenantId, id), 0)),
    );
    return new Map(
      tokenIds.map((id, index) => {
        const head = heads[index];
        const use = head === null ? null : (fromJson(head) as ApiTokenUse | null);
        return [id, use ? new Date(use.at) : null];
      }),
    );
  }
}
