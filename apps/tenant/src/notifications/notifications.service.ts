import { seal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { type NotificationRequest, NotificationRequestedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type TenantConfig } from '../tenant.config';

type Tenant = { id: string; name: string };

interface Recipient {
  email: string;
  name: string;
}

/** Emails from the tenant service, requested through Kafka with their links sealed. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  async passwordReset(
    tenant: Tenant,
    to: Recipient,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.request(tenant, to, {
      kind: 'password-reset',
      resetUrl: this.sealedLink('/reset-password', token),
      expiresAt: expiresAt.toISOString(),
    });
  }

  async agentInvite(
    tenant: Tenant,
    to: Recipient,
    inviterName: string,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.request(tenant, to, {
      kind: 'agent-invite',
      inviterName,
      acceptUrl: this.sealedLink('/accept-invitation', token),
      expiresAt: expiresAt.toISOString(),
    });
  }

  async emailVerification(
    tenant: Tenant,
    to: Recipient,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.request(tenant, to, {
      kind: 'email-verification',
      verifyUrl: this.sealedLink('/verify-email', token),
      expiresAt: expiresAt.toISOString(),
    });
  }

  /**
   * A dashboard route with the one-time token in its fragment, which browsers never send, so no
   * access log or proxy sees it (as the conversation link does); sealed for the trip.
   */
  private sealedLink(path: string, token: string): { sealed: string } {
    const url = `${this.config.PUBLIC_URL}/app${path}#token=${encodeURIComponent(token)}`;
    return { sealed: seal(url, this.config.NOTIFICATION_SEAL_KEY, 'notification-link') };
  }

  private async request(
    tenant: Tenant,
    to: Recipient,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(NotificationRequestedV1, {
      tenantId: tenant.id,
      payload: {
        notificationId: randomUUID(),
        to,
        tenantName: tenant.name,
        ...details,
      } as NotificationRequest,
    });
  }
}
