import { TenantCreatedV1, type TenantSettings, TenantUpdatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type TenantRecord, TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly events: EventPublisher,
  ) {}

  async create(name: string): Promise<TenantRecord> {
    return this.tenants.insert({ id: randomUUID(), name });
  }

  /** Announced once the tenant is complete (its admin exists), so no half sign-up is counted. */
  async announce(tenant: TenantRecord): Promise<void> {
    await this.events.publish(TenantCreatedV1, {
      tenantId: tenant.id,
      payload: {
        tenantId: tenant.id,
        name: tenant.name,
        createdAt: tenant.createdAt.toISOString(),
      },
    });
  }

  async get(id: string): Promise<TenantRecord> {
    const tenant = await this.tenants.findById(id);
    if (!tenant) throw new NotFoundException('tenant not found');
    return tenant;
  }

  /** Changes the workspace's settings and tells the other services. */
  async update(id: string, changes: Partial<TenantSettings>): Promise<TenantRecord> {
    const tenant = await this.tenants.update(id, changes);
    if (!tenant) throw new NotFoundException('tenant not found');
    await this.events.publish(TenantUpdatedV1, {
      tenantId: tenant.id,
      payload: {
        tenantId: tenant.id,
        name: tenant.name,
        brandColor: tenant.brandColor,
        autoAssignment: tenant.autoAssignment,
        timeZone: tenant.timeZone,
        agentAutoAwayMinutes: tenant.agentAutoAwayMinutes,
        businessHours: tenant.businessHours,
        attachmentTypes: tenant.attachmentTypes,
        updatedAt: tenant.updatedAt.toISOString(),
      },
    });
    return tenant;
  }

  /** Undoes a sign-up whose first user could not be created. */
  async discard(id: string): Promise<void> {
    await this.tenants.delete(id);
  }
}
