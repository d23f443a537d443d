import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { Tenant } from './tenant.schema';

export interface TenantRecord {
  id: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class TenantsRepository {
  constructor(@InjectModel(Tenant.name) private readonly tenants: Model<Tenant>) {}

  async insert(tenant: { id: string; name: string }): Promise<TenantRecord> {
    const created = await this.tenants.create({ _id: tenant.id, name: tenant.name });
    return { id: created._id, name: created.name, createdAt: created.createdAt };
  }

  async findById(id: string): Promise<TenantRecord | null> {
    const found = await this.tenants.findById(id).lean();
    return found && { id: found._id, name: found.name, createdAt: found.createdAt };
  }

  async delete(id: string): Promise<void> {
    await this.tenants.deleteOne({ _id: id });
  }
}
