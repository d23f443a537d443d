import { TenantCreatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type TenantRecord, TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Creates a tenant and announces it; the event leaves through the outbox. */
  async create(name: string): Promise<TenantRecord> {
    const tenant = await this.tenants.insert({ id: randomUUID(), name });
    await this.events.publish(TenantCreatedV1, {
      tenantId: tenant.id,
      payload: {
        tenantId: tenant.id,
        name: tenant.name,
        createdAt: tenant.createdAt.toISOString(),
      },
    });
    return tenant;
  }
}
