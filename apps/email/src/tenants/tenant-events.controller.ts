import { type EventOf, TenantCreatedV1, TenantUpdatedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { TenantBrandingRepository } from './tenant-branding.repository';

/** The tenant service's events in: each tenant's name and colour for its emails. */
@Controller()
export class TenantEventsController {
  constructor(private readonly branding: TenantBrandingRepository) {}

  @OnEvent(TenantCreatedV1)
  async onTenantCreated(@Payload() event: EventOf<typeof TenantCreatedV1>): Promise<void> {
    await this.branding.apply(
      event.tenantId,
      { name: event.payload.name },
      new Date(event.occurredAt),
    );
  }

  @OnEvent(TenantUpdatedV1)
  async onTenantUpdated(@Payload() event: EventOf<typeof TenantUpdatedV1>): Promise<void> {
    const { name, brandColor } = event.payload;
    await this.branding.apply(event.tenantId, { name, brandColor }, new Date(event.occurredAt));
  }
}
