import { type SessionEndReason, SessionsRevokedV1, UserPermissionsChangedV1 } from '@app/contracts';
import { InjectConfig } from '@app/config';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { type TenantConfig } from '../tenant.config';

/**
 * Tells every service which access tokens no longer hold, so that a session that ends ends
 * everywhere at once rather than when its last access token expires (libs/auth's revocation list).
 */
@Injectable()
export class TokenRevocations {
  constructor(
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  /** One session (`sessionId`) or every session of the user, as of `at`. */
  async sessionsEnded(ended: {
    tenantId: string;
    userId: string;
    sessionId?: string;
    reason: SessionEndReason;
    at: Date;
  }): Promise<void> {
    await this.events.publish(SessionsRevokedV1, {
      tenantId: ended.tenantId,
      payload: {
        userId: ended.userId,
        ...(ended.sessionId ? { sessionId: ended.sessionId } : {}),
        reason: ended.reason,
        revokedAt: ended.at.toISOString(),
        tokensExpireBy: this.lastExpiryOfTokensIssuedBy(ended.at).toISOString(),
      },
    });
  }

  /** The user's roles or a role's permissions changed: tokens issued before `at` are outdated. */
  async permissionsChanged(changed: {
    tenantId: string;
    userId: string;
    roles: string[];
    permissions: string[];
    at: Date;
  }): Promise<void> {
    await this.events.publish(UserPermissionsChangedV1, {
      tenantId: changed.tenantId,
      payload: {
        userId: changed.userId,
        roles: changed.roles,
        permissions: changed.permissions,
        changedAt: changed.at.toISOString(),
        tokensExpireBy: this.lastExpiryOfTokensIssuedBy(changed.at).toISOString(),
      },
    });
  }

  private lastExpiryOfTokensIssuedBy(at: Date): Date {
    return new Date(at.getTime() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
  }
}
