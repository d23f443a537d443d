import { PERMISSIONS } from '@app/auth';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Role } from './role.schema';

export interface RoleRecord {
  id: string;
  name: string;
  permissions: string[];
  builtIn: 'admin' | 'agent' | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toRoleRecord = (role: Role): RoleRecord => ({
  id: role._id,
  name: role.name,
  // The admin role holds every permission, including ones added after it was created.
  permissions: role.builtIn === 'admin' ? [...PERMISSIONS] : role.permissions,
  builtIn: role.builtIn,
  createdAt: role.createdAt,
  updatedAt: role.updatedAt,
});

/** Roles of the tenant in context (the tenant-scoped plugin narrows every query). */
@Injectable()
export class RolesRepository {
  constructor(@InjectModel(Role.name) private readonly roles: Model<Role>) {}

  async create(role: {
    name: string;
    permissions: string[];
    builtIn?: 'admin' | 'agent';
  }): Promise<RoleRecord> {
    const created = await this.roles.create({ _id: randomUUID(), builtIn: null, ...role });
    return toRoleRecord(created.toObject());
  }

  async list(): Promise<RoleRecord[]> {
    return (await this.roles.find().sort({ name: 1 }).lean()).map(toRoleRecord);
  }

  async findById(id: string): Promise<RoleRecord | null> {
    const role = await this.roles.findById(id).lean();
    return role && toRoleRecord(role);
  }

  async findByIds(ids: string[]): Promise<RoleRecord[]> {
    if (ids.length === 0) return [];
    return (await this.roles.find({ _id: { $in: ids } }).lean()).map(toRoleRecord);
  }

  async findBuiltIn(kind: 'admin' | 'agent'): Promise<RoleRecord | null> {
    const role = await this.roles.findOne({ builtIn: kind }).lean();
    return role && toRoleRecord(role);
  }

  async update(
    id: string,
    changes: { name?: string; permissions?: string[] },
  ): Promise<RoleRecord | null> {
    const result = await this.roles.updateOne({ _id: id }, { $set: changes });
    return result.matchedCount === 0 ? null : this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.roles.deleteOne({ _id: id })).deletedCount === 1;
  }

  /** Every role of the tenant in context (undoing a failed sign-up). */
  async deleteAll(): Promise<void> {
    await this.roles.deleteMany({});
  }
}
