import { seal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { NotificationRequestedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type TenantConfig } from '../tenant.config';

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

  /** `path` is a dashboard route; the token goes in the query string of the sealed link. */
  link(path: string, token: string): string {
    return `${this.config.PUBLIC_URL}/app${path}?token=${encodeURIComponent(token)}`;
  }

  async passwordReset(
    tenant: { id: string; name: string },
    to: Recipient,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.events.publish(NotificationRequestedV1, {
      tenantId: tenant.id,
      payload: {
        notificationId: randomUUID(),
        kind: 'password-reset',
        to,
        tenantName: tenant.name,
        resetUrl: {
          sealed: seal(this.link('/reset-password', token), this.config.NOTIFICATION_SEAL_KEY),
        },
        expiresAt: expiresAt.toISOString(),
      },
    });
  }

  async agentInvite(
    tenant: { id: string; name: string },
    to: Recipient,
    inviterName: string,
    token: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.events.publish(NotificationRequestedV1, {
      tenantId: tenant.id,
      payload: {
        notificationId: randomUUID(),
        kind: 'agent-invite',
        to,
        tenantName: tenant.name,
        inviterName,
        acceptUrl: {
          sealed: seal(this.link('/accept-invitation', token), this.config.NOTIFICATION_SEAL_KEY),
        },
        expiresAt: expiresAt.toISOString(),
      },
    });
  }
}
