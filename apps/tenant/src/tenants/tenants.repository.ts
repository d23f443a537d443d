import { DEFAULT_ATTACHMENT_TYPES, type TenantSettings } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { Tenant } from './tenant.schema';

export interface TenantRecord extends TenantSettings {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

const toRecord = (tenant: Tenant): TenantRecord => ({
  id: tenant._id,
  name: tenant.name,
  brandColor: tenant.brandColor,
  autoAssignment: tenant.autoAssignment,
  // Tenants stored before these settings existed read as the defaults.
  timeZone: tenant.timeZone ?? 'UTC',
  agentAutoAwayMinutes: tenant.agentAutoAwayMinutes ?? 15,
  businessHours: tenant.businessHours ?? null,
  // Workspaces from before attachments have no list: the default one.
  attachmentTypes: tenant.attachmentTypes?.length
    ? tenant.attachmentTypes
    : [...DEFAULT_ATTACHMENT_TYPES],
  createdAt: tenant.createdAt,
  updatedAt: tenant.updatedAt,
});

@Injectable()
export class TenantsRepository {
  constructor(@InjectModel(Tenant.name) private readonly tenants: Model<Tenant>) {}

  async insert(tenant: { id: string; name: string }): Promise<TenantRecord> {
    const created = await this.tenants.create({ _id: tenant.id, name: tenant.name });
    return toRecord(created.toObject());
  }

  async findById(id: string): Promise<TenantRecord | null> {
    const found = await this.tenants.findById(id).lean();
    return found && toRecord(found);
  }

  async update(id: string, changes: Partial<TenantSettings>): Promise<TenantRecord | null> {
    const updated = await this.tenants
      .findOneAndUpdate({ _id: id }, { $set: changes }, { new: true })
      .lean();
    return updated && toRecord(updated);
  }

  async delete(id: string): Promise<void> {
    await this.tenants.deleteOne({ _id: id });
  }
}
