import { InjectConfig } from '@app/config';
import { forTenant } from '@app/tenancy';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { InvitationLocks } from './invitation-locks';
import { nextAttemptAfter } from './invitation-rules';
import {
  type InvitationChanges,
  ReviewInvitationsRepository,
} from './review-invitations.repository';
import { type ReviewInvitation } from './review-invitation.schema';
import {
  type EmailInvitation,
  isRetryable,
  TrustpilotClient,
  type TrustpilotFailure,
  type TrustpilotResult,
} from './trustpilot-client';
import {
  type ConnectionRecord,
  TrustpilotConnectionsRepository,
} from './trustpilot-connections.repository';
import { TrustpilotTokens } from './trustpilot-tokens';

/** Attempts at once per replica; the rest wait in the database for the next sweep. */
const MAX_IN_FLIGHT = 16;

const INTERRUPTED =
  'interrupted: Parley stopped while Trustpilot was being called, so whether the visitor was invited is unknown; retry if not';

/**
 * Sends due invitations: takes the invitation's lock (one replica attempts it), marks the attempt
 * out, calls Trustpilot (a token, renewed once on a 401, then the invitation) and records the
 * outcome: sent, due again after the next wait of TRUSTPILOT_RETRY_DELAYS_MS, or parked as failed
 * once they are spent or Trustpilot refused it for good. An attempt found still marked out was
 * cut short with its outcome unknown: it is parked rather than sent twice. Callers do not wait.
 */
@Injectable()
export class InvitationDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(InvitationDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly invitations: ReviewInvitationsRepository,
    private readonly connections: TrustpilotConnectionsRepository,
    private readonly locks: InvitationLocks,
    private readonly tokens: TrustpilotTokens,
    private readonly client: TrustpilotClient,
  ) {}

  /** Attempts the invitation in the background, if it is due and no replica holds it. */
  dispatch(tenantId: string, invitationId: string): void {
    if (this.stopping || this.inFlight.size >= MAX_IN_FLIGHT) return;
    const attempt = forTenant(tenantId, 'a review invitation of the tenant', () =>
      this.locks.attempt(invitationId, () => this.attempt(invitationId)),
    )
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn(`invitation ${invitationId} could not be attempted: ${error.message}`),
      )
      .finally(() => this.inFlight.delete(attempt));
    this.inFlight.add(attempt);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async attempt(id: string): Promise<void> {
    const now = new Date();
    const invitation = await this.invitations.findById(id);
    if (invitation?.status !== 'pending' || (invitation.nextAttemptAt ?? now) > now) return;
    if (invitation.attemptStartedAt) return this.park(invitation, INTERRUPTED, now);
    const connection = await this.connections.findEnabled();
    if (!connection) return this.park(invitation, 'Trustpilot is disabled for this workspace', now);
    if (!invitation.consumer) return this.park(invitation, 'no visitor to invite', now);
    await this.invitations.update(id, {
      attemptStartedAt: now,
      nextAttemptAt: new Date(now.getTime() + this.locks.attemptMs),
    });
    const result = await this.send(connection, invitation).catch(
      (error: Error): TrustpilotResult<void> => ({
        ok: false,
        failure: { kind: 'unavailable', status: null, detail: `not sent: ${error.message}` },
      }),
    );
    const at = new Date();
    if (result.ok) {
      await this.invitations.update(id, {
        status: 'sent',
        sentAt: at,
        settledAt: at,
        consumer: null,
        attempts: invitation.attempts + 1,
        attemptStartedAt: null,
        nextAttemptAt: null,
        lastError: null,
      });
      await this.connections.recordSuccess(at);
      return;
    }
    await this.invitations.update(id, this.afterFailure(invitation, result.failure, at));
    await this.connections.recordError(at, result.failure.detail);
  }

  private afterFailure(
    invitation: ReviewInvitation,
    failure: TrustpilotFailure,
    at: Date,
  ): InvitationChanges {
    const failures = invitation.failures + 1;
    const next = isRetryable(failure)
      ? nextAttemptAfter(failures, this.config.TRUSTPILOT_RETRY_DELAYS_MS, at, failure.retryAfterMs)
      : null;
    return {
      status: next ? 'pending' : 'failed',
      nextAttemptAt: next,
      settledAt: next ? null : at,
      attempts: invitation.attempts + 1,
      failures,
      attemptStartedAt: null,
      lastError: failure.detail,
    };
  }

  /** A token (a new one if Trustpilot refuses the cached one), then the invitation. */
  private async send(
    connection: ConnectionRecord,
    invitation: ReviewInvitation,
  ): Promise<TrustpilotResult<void>> {
    const body = this.invitationBody(connection, invitation);
    const target = {
      businessUnitId: connection.businessUnitId,
      businessUserId: connection.businessUserId,
    };
    let token = await this.tokens.token(connection);
    if (!token.ok) return tokenFailure(token.failure);
    const sent = await this.client.createEmailInvitation(token.value, target, body);
    if (sent.ok || sent.failure.kind !== 'unauthorized') return sent;
    token = await this.tokens.renew(connection);
    if (!token.ok) return tokenFailure(token.failure);
    return this.client.createEmailInvitation(token.value, target, body);
  }

  private invitationBody(
    connection: ConnectionRecord,
    invitation: ReviewInvitation,
  ): EmailInvitation {
    const { email, name } = invitation.consumer!;
    return {
      consumerEmail: email,
      // Trustpilot greets the consumer by name: the email's local part when none was given.
      consumerName: name.trim() || email.slice(0, email.indexOf('@')),
      referenceNumber: invitation.conversationId,
      ...(connection.locale && { locale: connection.locale }),
      ...(connection.senderName && { senderName: connection.senderName }),
      ...(connection.senderEmail && { senderEmail: connection.senderEmail }),
      ...(connection.replyTo && { replyTo: connection.replyTo }),
      serviceReviewInvitation: connection.templateId ? { templateId: connection.templateId } : {},
    };
  }

  private async park(invitation: ReviewInvitation, reason: string, at: Date): Promise<void> {
    this.logger.warn(`review invitation ${invitation._id} parked: ${reason}`);
    await this.invitations.update(invitation._id, {
      status: 'failed',
      nextAttemptAt: null,
      attemptStartedAt: null,
      settledAt: at,
      lastError: reason,
    });
  }
}

function tokenFailure(failure: TrustpilotFailure): TrustpilotResult<void> {
  return { ok: false, failure: { ...failure, detail: `access token: ${failure.detail}` } };
}
