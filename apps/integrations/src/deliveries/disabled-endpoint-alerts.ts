import { InjectConfig } from '@app/config';
import { NotificationRequestedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { DirectoryRepository } from '../directory/directory.repository';
import { type IntegrationsConfig } from '../integrations.config';
import { type EndpointRecord } from '../webhooks/webhook-endpoints.repository';

/** Emails the tenant's admins (holders of integrations:manage) that Parley disabled an endpoint. */
@Injectable()
export class DisabledEndpointAlerts {
  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly directory: DirectoryRepository,
    private readonly events: EventPublisher,
  ) {}

  async send(endpoint: EndpointRecord, lastError: string): Promise<void> {
    const failingSince = endpoint.failingSince ?? new Date();
    const tenantName = await this.directory.tenantName(endpoint.tenantId);
    for (const admin of await this.directory.integrationManagers()) {
      await this.events.publish(NotificationRequestedV1, {
        tenantId: endpoint.tenantId,
        payload: {
          // One mail per admin and failure streak, however often this runs for it.
          notificationId: `webhook-disabled:${endpoint._id}:${failingSince.getTime()}:${admin._id}`,
          to: { email: admin.email, name: admin.name },
          tenantName,
          kind: 'webhook-disabled',
          endpointUrl: endpoint.url,
          failingSince: failingSince.toISOString(),
          lastError: lastError.slice(0, 200),
          dashboardUrl: `${this.config.PUBLIC_URL}/app/webhooks`,
        },
      });
    }
  }
}
