import { asSystem } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { User, type UserStatus } from './user.schema';

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  roleIds: string[];
  status: UserStatus;
  maxConcurrentChats: number;
  ipAddresses: string[];
  googleSubject: string | null;
  sessionsRevokedAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type UserChanges = Partial<
  Pick<
    UserRecord,
    | 'name'
    | 'passwordHash'
    | 'roleIds'
    | 'status'
    | 'maxConcurrentChats'
    | 'googleSubject'
    | 'sessionsRevokedAt'
    | 'lastSignInAt'
  >
>;

const MAX_REMEMBERED_ADDRESSES = 20;

const toRecord = ({ _id, ...user }: User): UserRecord => ({ id: _id, ...user });

/** Users of the tenant in context; the one cross-tenant lookup (by email) says so. */
@Injectable()
export class UsersRepository {
  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  async create(user: {
    email: string;
    name: string;
    passwordHash: string | null;
    roleIds: string[];
    status: UserStatus;
    maxConcurrentChats?: number;
    googleSubject?: string;
  }): Promise<UserRecord> {
    const created = await this.users.create({ _id: randomUUID(), ...user });
    return toRecord(created.toObject());
  }

  /** Sign-in, invitations and resets start from an email alone, before any tenant is known. */
  async findByEmailInAnyTenant(email: string): Promise<UserRecord | null> {
    const user = await asSystem('sign-in finds an account by email', () =>
      this.users.findOne({ email: email.toLowerCase() }).lean().exec(),
    );
    return user && toRecord(user);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const user = await this.users.findById(id).lean();
    return user && toRecord(user);
  }

  async list(filter: { status?: UserStatus } = {}): Promise<UserRecord[]> {
    return (await this.users.find(filter).sort({ createdAt: 1 }).lean()).map(toRecord);
  }

  async listHoldingRole(roleId: string): Promise<UserRecord[]> {
    return (await this.users.find({ roleIds: roleId }).lean()).map(toRecord);
  }

  async countActiveHoldingRole(roleId: string): Promise<number> {
    return this.users.countDocuments({ roleIds: roleId, status: 'active' });
  }

  async update(id: string, changes: UserChanges): Promise<UserRecord | null> {
    const result = await this.users.updateOne({ _id: id }, { $set: changes });
    return result.matchedCount === 0 ? null : this.findById(id);
  }

  async rememberAddress(id: string, address: string): Promise<void> {
    await this.users.updateOne(
      { _id: id, [`ipAddresses.${MAX_REMEMBERED_ADDRESSES - 1}`]: { $exists: false } },
      { $addToSet: { ipAddresses: address } },
    );
  }

  async delete(id: string): Promise<boolean> {
    return (await this.users.deleteOne({ _id: id })).deletedCount === 1;
  }
}
