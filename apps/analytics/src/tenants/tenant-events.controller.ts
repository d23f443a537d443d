import { type EventOf, TenantCreatedV1, TenantUpdatedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { TenantSummariesRepository } from './tenant-summaries.repository';

@Controller()
export class TenantEventsController {
  constructor(private readonly summaries: TenantSummariesRepository) {}

  @OnEvent(TenantCreatedV1)
  async onTenantCreated(@Payload() event: EventOf<typeof TenantCreatedV1>): Promise<void> {
    await this.summaries.record({
      tenantId: event.payload.tenantId,
      name: event.payload.name,
      signedUpAt: new Date(event.payload.createdAt),
    });
  }

  @OnEvent(TenantUpdatedV1)
  async onTenantUpdated(@Payload() event: EventOf<typeof TenantUpdatedV1>): Promise<void> {
    await this.summaries.rename(event.payload.tenantId, event.payload.name);
  }
}
