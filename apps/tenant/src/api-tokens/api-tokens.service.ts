import { ApiTokenRegistry, newApiToken, type Principal, sha256 } from '@app/auth';
import {
  API_TOKEN_LIMITS,
  type ApiTokenUse,
  type ApiTokenView,
  type CreatedApiToken,
} from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { refusePermissionsBeyondOwn } from '../roles/grant-rules';
import { apiTokenErrors } from './api-token-errors';
import { type ApiTokenRecord, ApiTokensRepository } from './api-tokens.repository';

/** `lastUsedAt` is written back from the usage log at most this often per token. */
const LAST_USE_RESOLUTION_MS = 60_000;

const isLive = (token: ApiTokenRecord, now: Date) => !token.expiresAt || token.expiresAt > now;

const viewOf = (token: ApiTokenRecord): ApiTokenView => ({
  id: token.id,
  name: token.name,
  tokenPrefix: token.tokenPrefix,
  permissions: token.permissions,
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  lastUsedAt: token.lastUsedAt,
});

const grantOf = (token: ApiTokenRecord) => ({
  id: token.id,
  tenantId: token.tenantId,
  name: token.name,
  permissions: token.permissions,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt?.toISOString() ?? null,
});

/**
 * The workspace's API tokens. The database is the truth; libs/auth's registry in Redis is what
 * every service admits a bearer by, written on create, deleted on revoke (before the answer),
 * and rewritten for every live token at start, so a flushed Redis heals with a restart.
 */
@Injectable()
export class ApiTokensService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiTokensService.name);

  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly registry: ApiTokenRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const live = await this.tokens.everyUnrevoked(new Date());
    try {
      await Promise.all(live.map((token) => this.registry.grant(token.tokenHash, grantOf(token))));
    } catch (error) {
      // Tokens already in Redis still work; the next start writes the rest.
      this.logger.error(
        `API tokens could not be rewritten into Redis: ${(error as Error).message}`,
      );
    }
  }

  /** Tokens not revoked, with their last use as the usage log knows it. */
  async list(): Promise<ApiTokenView[]> {
    const tokens = await this.tokens.listUnrevoked();
    const lastUses = await this.registry.lastUsesOf(
      TenantContext.current(),
      tokens.map((token) => token.id),
    );
    return Promise.all(
      tokens.map(async (token) => {
        const logged = lastUses.get(token.id) ?? null;
        const stored = token.lastUsedAt;
        if (!logged || (stored && logged.getTime() - stored.getTime() < LAST_USE_RESOLUTION_MS))
          return viewOf(token);
        await this.tokens.recordLastUse(token.id, logged);
        return viewOf({ ...token, lastUsedAt: logged });
      }),
    );
  }

  /** A token with some of the caller's permissions, never more; the token is in this answer only. */
  async create(
    input: { name: string; permissions: string[]; expiresAt?: Date | null },
    caller: Principal,
  ): Promise<CreatedApiToken> {
    refusePermissionsBeyondOwn(
      { userId: caller.userId, permissions: caller.permissions, isAdmin: false },
      input.permissions,
    );
    const now = new Date();
    const live = (await this.tokens.listUnrevoked()).filter((token) => isLive(token, now));
    if (live.length >= API_TOKEN_LIMITS.activePerTenant)
      throw apiTokenErrors.tooMany(API_TOKEN_LIMITS.activePerTenant);

    const token = newApiToken();
    const created = await this.tokens.create({
      name: input.name,
      tokenHash: sha256(token),
      tokenPrefix: token.slice(0, API_TOKEN_LIMITS.shownPrefixLength),
      permissions: input.permissions,
      createdBy: caller.userId,
      expiresAt: input.expiresAt ?? null,
    });
    if (created === 'name_taken') throw apiTokenErrors.nameTaken();
    try {
      await this.registry.grant(created.tokenHash, grantOf(created));
    } catch (error) {
      // A token no service admits must not be handed out, nor hold its name.
      await this.tokens.revoke(created.id, new Date());
      throw error;
    }
    return { ...viewOf(created), token };
  }

  /**
   * Every service refuses the token before this returns. Revoking a revoked token changes
   * nothing (204 again); another workspace's token is not found.
   */
  async revoke(id: string): Promise<void> {
    const token = await this.tokens.findById(id);
    if (!token) throw apiTokenErrors.notFound();
    await this.registry.withdraw(token.tokenHash);
    await this.tokens.revoke(id, new Date());
  }

  /** The token's latest uses in every service, newest first. */
  async usage(id: string): Promise<ApiTokenUse[]> {
    const token = await this.tokens.findById(id);
    if (!token) throw apiTokenErrors.notFound();
    return this.registry.usesOf(token.tenantId, token.id);
  }
}
