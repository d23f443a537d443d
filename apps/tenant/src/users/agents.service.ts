import { TenantContext } from '@app/tenancy';
import { type AgentView, UserDeletedV1, UserInvitedV1, type WeeklyHours } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError } from '@app/platform';
import { isDuplicateKey } from '@app/database';
import { Injectable, NotFoundException } from '@nestjs/common';
import { NotificationsService } from '../notifications/notifications.service';
import { type Principal } from '@app/auth';
import {
  adminRequired,
  type Granter,
  ownRolesLocked,
  refuseRolesBeyondOwn,
} from '../roles/grant-rules';
import { type RoleRecord, RolesRepository } from '../roles/roles.repository';
import { TenantsService } from '../tenants/tenants.service';
import { OneTimeTokensService } from '../tokens/one-time-tokens.service';
import { RateLimitsService } from '../rate-limit/rate-limits.service';
import { agentStatus } from './account-access';
import { AccountsService } from './accounts.service';
import { emailTaken } from './user-errors';
import { type UserRecord, UsersRepository } from './users.repository';
import { type UserStatus } from './user.schema';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const notFound = () => new NotFoundException('agent not found');

/** Agents of the tenant in context: invitations and their lifecycle. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly accounts: AccountsService,
    private readonly tenants: TenantsService,
    private readonly oneTimeTokens: OneTimeTokensService,
    private readonly notifications: NotificationsService,
    private readonly events: EventPublisher,
    private readonly rateLimits: RateLimitsService,
  ) {}

  async invite(
    input: { email: string; name: string; roleIds?: string[]; maxConcurrentChats?: number },
    inviter: Principal,
  ): Promise<AgentView> {
    const roleIds = input.roleIds ?? [(await this.roles.findBuiltIn('agent'))!.id];
    refuseRolesBeyondOwn(await this.accounts.granterOf(inviter), await this.requireRoles(roleIds));
    await this.rateLimits.consume('invite:tenant', TenantContext.current());
    // Only this workspace's own people count: whether the address has an account elsewhere is
    // not this workspace's business (the answer is the same), and an invitation reserves
    // nothing — the first to prove the address (by accepting, or by a sign-up of its own) has it.
    if (await this.users.findByEmail(input.email)) throw emailTaken();
    let user: UserRecord;
    try {
      user = await this.users.create({
        email: input.email,
        name: input.name,
        passwordHash: null,
        roleIds,
        status: 'invited',
        maxConcurrentChats: input.maxConcurrentChats,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw emailTaken();
      throw error;
    }
    const { token, expiresAt } = await this.oneTimeTokens.issue(
      user.id,
      'invitation',
      INVITATION_TTL_MS,
    );
    const tenant = await this.tenants.get(user.tenantId);
    await this.events.publish(UserInvitedV1, {
      tenantId: user.tenantId,
      payload: await this.accounts.snapshotOf(user),
    });
    await this.notifications.agentInvite(
      tenant,
      { email: user.email, name: user.name },
      inviter.name,
      token,
      expiresAt,
    );
    return this.view(user);
  }

  async list(filter: { status?: UserStatus }): Promise<AgentView[]> {
    return Promise.all((await this.users.list(filter)).map((user) => this.view(user)));
  }

  async get(id: string): Promise<AgentView> {
    const user = await this.users.findById(id);
    if (!user) throw notFound();
    return this.view(user);
  }

  async update(
    id: string,
    changes: {
      name?: string;
      roleIds?: string[];
      maxConcurrentChats?: number;
      shifts?: WeeklyHours;
      status?: 'active' | 'deactivated';
    },
    caller: Principal,
  ): Promise<AgentView> {
    const user = await this.users.findById(id);
    if (!user) throw notFound();
    if (changes.roleIds || changes.status) {
      await this.refuseEscalation(user, changes.roleIds, await this.accounts.granterOf(caller));
    }
    if (changes.status === 'active' && user.status === 'invited') {
      throw new AppHttpError(
        409,
        'invitation_pending',
        'an invited agent becomes active by accepting the invitation',
      );
    }
    const losesAdmin =
      (changes.roleIds && !(await this.holdsAdmin(changes.roleIds))) ||
      changes.status === 'deactivated';
    if (losesAdmin) await this.refuseIfLastAdmin(user);

    const updated = (await this.users.update(id, changes))!;
    if (changes.status === 'deactivated' && user.status !== 'deactivated')
      await this.accounts.revokeSessions(id, 'deactivated');
    if (changes.roleIds && !sameMembers(changes.roleIds, user.roleIds))
      await this.accounts.announcePermissionsChanged(updated);
    else await this.accounts.announce(updated);
    return this.view(updated);
  }

  async delete(id: string, caller: Principal): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw notFound();
    await this.refuseEscalation(user, undefined, await this.accounts.granterOf(caller));
    await this.refuseIfLastAdmin(user);
    await this.accounts.revokeSessions(id, 'deleted');
    await this.users.delete(id);
    await this.events.publish(UserDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { userId: id },
    });
  }

  /**
   * The tenant must keep an active admin. Two admins demoting each other at the same instant
   * could both pass this check (no transactions on FerretDB); that race is accepted.
   */
  private async refuseIfLastAdmin(user: UserRecord): Promise<void> {
    const admin = await this.roles.findBuiltIn('admin');
    if (!admin || user.status !== 'active' || !user.roleIds.includes(admin.id)) return;
    if ((await this.users.countActiveHoldingRole(admin.id)) <= 1) {
      throw new AppHttpError(
        409,
        'last_admin',
        'the last admin cannot be demoted, deactivated or deleted',
      );
    }
  }

  /**
   * Changing who someone is: never one's own roles, an Admin's roles or standing only by an
   * Admin, and added roles only within the caller's own permissions.
   */
  private async refuseEscalation(
    user: UserRecord,
    roleIds: string[] | undefined,
    granter: Granter,
  ): Promise<void> {
    if (roleIds && user.id === granter.userId) throw ownRolesLocked();
    if (!granter.isAdmin && (await this.holdsAdmin(user.roleIds))) throw adminRequired();
    if (!roleIds) return;
    const added = roleIds.filter((roleId) => !user.roleIds.includes(roleId));
    refuseRolesBeyondOwn(
      granter,
      (await this.requireRoles(roleIds)).filter((role) => added.includes(role.id)),
    );
  }

  private async holdsAdmin(roleIds: string[]): Promise<boolean> {
    const admin = await this.roles.findBuiltIn('admin');
    return admin !== null && roleIds.includes(admin.id);
  }

  private async requireRoles(roleIds: string[]): Promise<RoleRecord[]> {
    const found = await this.roles.findByIds(roleIds);
    const missing = roleIds.filter((id) => !found.some((role) => role.id === id));
    if (missing.length > 0) {
      throw new AppHttpError(400, 'unknown_role', `unknown role: ${missing.join(', ')}`);
    }
    return found;
  }

  private async view(user: UserRecord): Promise<AgentView> {
    const grants = await this.accounts.grantsOf(user);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      roleIds: user.roleIds,
      roles: grants.roles,
      permissions: grants.permissions,
      status: agentStatus(user.status),
      maxConcurrentChats: user.maxConcurrentChats,
      shifts: user.shifts,
      ipAddresses: user.ipAddresses,
      lastSignInAt: user.lastSignInAt,
      createdAt: user.createdAt,
    };
  }
}

const sameMembers = (a: string[], b: string[]): boolean =>
  new Set(a).size === new Set(b).size && a.every((item) => b.includes(item));
