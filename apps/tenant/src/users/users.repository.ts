import { type WeeklyHours } from '@app/contracts';
import { asSystem } from '@app/tenancy';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isDuplicateKey } from '@app/database';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { UNCLAIMED_STATUSES, User, type UserStatus } from './user.schema';
import { emailTaken } from './user-errors';

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  roleIds: string[];
  status: UserStatus;
  maxConcurrentChats: number;
  shifts: WeeklyHours;
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
    | 'shifts'
    | 'googleSubject'
    | 'sessionsRevokedAt'
    | 'lastSignInAt'
  >
>;

const MAX_REMEMBERED_ADDRESSES = 20;

// The claim is the repository's business: the rest of the service reads `email` and `status`.
// Users stored before shifts existed have none: always on shift.
const toRecord = ({ _id, emailClaim, ...user }: User): UserRecord => ({
  id: _id,
  ...user,
  shifts: user.shifts ?? [],
});

const claimOf = (user: { _id: string; email: string; status: UserStatus }): string =>
  UNCLAIMED_STATUSES.includes(user.status) ? `unclaimed:${user._id}` : user.email;

/** Users of the tenant in context; the cross-tenant lookups (by email) say so. */
@Injectable()
export class UsersRepository implements OnModuleInit {
  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /**
   * Users stored before email claims existed get theirs, and the unique index moves from
   * `email` to `emailClaim` (an invitation no longer reserves its address).
   */
  async onModuleInit(): Promise<void> {
    // Listing indexes of a collection not created yet fails (a fresh database).
    await this.users.createCollection();
    await asSystem('users from before email claims get one', async () => {
      const legacy = await this.users.find({ emailClaim: { $exists: false } }).lean();
      for (const user of legacy) {
        await this.users.updateOne({ _id: user._id }, { $set: { emailClaim: claimOf(user) } });
      }
    });
    if (await this.users.collection.indexExists('email_1')) {
      await this.users.collection.dropIndex('email_1');
    }
    await this.users.createIndexes();
  }

  async create(user: {
    email: string;
    name: string;
    passwordHash: string | null;
    roleIds: string[];
    status: UserStatus;
    maxConcurrentChats?: number;
    googleSubject?: string;
  }): Promise<UserRecord> {
    const _id = randomUUID();
    const created = await this.users.create({
      _id,
      emailClaim: claimOf({ _id, ...user }),
      ...user,
    });
    return toRecord(created.toObject());
  }

  /**
   * The account that holds this address, in any tenant: sign-in and resets start from an email
   * alone. Invited and unverified users hold no address yet and are not found.
   */
  async findByEmailInAnyTenant(email: string): Promise<UserRecord | null> {
    const user = await asSystem('sign-in finds an account by email', () =>
      this.users.findOne({ emailClaim: email.toLowerCase() }).lean().exec(),
    );
    return user && toRecord(user);
  }

  /** Sign-ups of this address still waiting for their emailed link, in any tenant. */
  async findUnverifiedInAnyTenant(email: string): Promise<UserRecord[]> {
    const users = await asSystem('an unverified sign-up is found by its email', () =>
      this.users.find({ email: email.toLowerCase(), status: 'unverified' }).lean().exec(),
    );
    return users.map(toRecord);
  }

  /** A user of the tenant in context with this address, whatever their status. */
  async findByEmail(email: string): Promise<UserRecord | null> {
    const user = await this.users.findOne({ email: email.toLowerCase() }).lean();
    return user && toRecord(user);
  }

  /**
   * Makes the user active as the holder of their address (a verified sign-up, an accepted
   * invitation); 409 `email_taken` when another account proved it first.
   */
  async claimEmail(id: string, changes: UserChanges = {}): Promise<UserRecord> {
    const user = await this.users.findById(id).lean();
    if (!user) throw new Error(`no user ${id} to claim an address for`);
    try {
      await this.users.updateOne(
        { _id: id },
        { $set: { ...changes, status: 'active', emailClaim: user.email } },
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw emailTaken();
      throw error;
    }
    return (await this.findById(id))!;
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
