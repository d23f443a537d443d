import { applyIfNewer } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { KnownTenant, KnownUser } from './directory.schemas';

/** Tenants' names and users, kept from the tenant service's events. */
@Injectable()
export class DirectoryRepository {
  constructor(
    @InjectModel(KnownTenant.name) private readonly tenants: Model<KnownTenant>,
    @InjectModel(KnownUser.name) private readonly users: Model<KnownUser>,
  ) {}

  applyTenant(id: string, fields: Partial<KnownTenant>, at: Date): Promise<void> {
    return applyIfNewer(this.tenants, id, fields, at);
  }

  applyUser(id: string, fields: Partial<KnownUser>, at: Date): Promise<void> {
    return applyIfNewer(this.users, id, fields, at);
  }

  async tenantName(tenantId: string): Promise<string> {
    return (await this.tenants.findOne({ _id: tenantId }).lean().exec())?.name ?? '';
  }

  /** The tenant in context's active users who manage its integrations (Admins). */
  integrationManagers(): Promise<KnownUser[]> {
    return this.users.find({ status: 'active', permissions: 'integrations:manage' }).lean().exec();
  }
}
