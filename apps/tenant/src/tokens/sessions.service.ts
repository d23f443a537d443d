import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { AppHttpError } from '@app/platform';
import { type SessionEndReason } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type TenantConfig } from '../tenant.config';
import { AccessTokensService, type AccessTokenSubject } from './access-tokens.service';
import { type RefreshTokenRecord, RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenRevocations } from './token-revocations.service';
import { issueToken, readToken, secretMatches } from './token-secret';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Resolves who a session belongs to now: refuses the refresh when the user may no longer sign in. */
export type SubjectLoader = (
  tenantId: string,
  userId: string,
  sessionId: string,
) => Promise<AccessTokenSubject | null>;

const invalidRefresh = () =>
  new AppHttpError(401, 'invalid_refresh_token', 'refresh token is invalid or expired');

/**
 * Sessions are refresh-token families. A refresh token is `<id>.<secret>`; only the secret's
 * SHA-256 is stored. Every refresh spends the token and hands out the next of the family.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokensService,
    private readonly revocations: TokenRevocations,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  /** Starts a session for a user of the tenant in context. */
  async start(subject: Omit<AccessTokenSubject, 'sid'>): Promise<TokenPair> {
    const familyId = randomUUID();
    return {
      accessToken: this.accessTokens.issue({ ...subject, sid: familyId }),
      refreshToken: await this.issueRefreshToken(subject.sub, familyId),
    };
  }

  async refresh(presented: string, loadSubject: SubjectLoader): Promise<TokenPair> {
    const token = await this.findPresented(presented);
    if (!token) throw invalidRefresh();

    return forTenant(token.tenantId, 'a refresh token names its own tenant', async () => {
      const now = new Date();
      if (token.usedAt || token.revokedAt || !(await this.refreshTokens.spend(token.id, now))) {
        // A spent token came back: it was stolen, or the client was. End the whole session.
        await this.endFamily(token, 'refresh-token-reused', now);
        throw new AppHttpError(
          401,
          'refresh_token_reused',
          'refresh token was already used; the session is revoked',
        );
      }
      if (token.expiresAt <= now) throw invalidRefresh();
      const subject = await loadSubject(token.tenantId, token.userId, token.familyId);
      if (!subject) {
        await this.refreshTokens.revokeFamily(token.familyId, now);
        throw invalidRefresh();
      }
      return {
        accessToken: this.accessTokens.issue(subject),
        refreshToken: await this.issueRefreshToken(token.userId, token.familyId),
      };
    });
  }

  /** Logout: ends the session the token belongs to. Unknown tokens are ignored. */
  async end(presented: string): Promise<void> {
    const token = await this.findPresented(presented);
    if (!token) return;
    await forTenant(token.tenantId, 'a sign-out’s refresh token names its own tenant', () =>
      this.endFamily(token, 'logout', new Date()),
    );
  }

  /** Ends every session of a user of the tenant in context, access tokens issued before `at` too. */
  async endAll(
    user: { tenantId: string; userId: string },
    reason: SessionEndReason,
    at: Date,
  ): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(user.userId, at);
    await this.revocations.sessionsEnded({ ...user, reason, at });
  }

  /** Ends one session: its refresh tokens here, its access tokens in every service. */
  private async endFamily(
    token: RefreshTokenRecord,
    reason: SessionEndReason,
    at: Date,
  ): Promise<void> {
    await this.refreshTokens.revokeFamily(token.familyId, at);
    await this.revocations.sessionsEnded({
      tenantId: token.tenantId,
      userId: token.userId,
      sessionId: token.familyId,
      reason,
      at,
    });
  }

  /** The stored token a presented one stands for; null when unknown or its secret is wrong. */
  private async findPresented(presented: string): Promise<RefreshTokenRecord | null> {
    const parts = readToken(presented);
    if (!parts) return null;
    const token = await this.refreshTokens.findAnywhere(parts.id);
    return token && secretMatches(parts.secret, token) ? token : null;
  }

  private async issueRefreshToken(userId: string, familyId: string): Promise<string> {
    const { id, token, secretSha256 } = issueToken();
    const now = new Date();
    await this.refreshTokens.create({
      id,
      userId,
      familyId,
      secretSha256,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });
    return token;
  }
}
