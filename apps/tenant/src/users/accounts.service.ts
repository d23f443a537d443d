import { type Principal, type PrincipalValidator } from '@app/auth';
import { forTenant, TenantContext } from '@app/tenancy';
import { type AgentSnapshot, type SessionEndReason, UserUpdatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { type TenantConfig } from '../tenant.config';
import { type Grants, grantsOf, withPlatformGrants } from '../roles/role-grants';
import { type Granter } from '../roles/grant-rules';
import { type RoleHolders } from '../roles/role-holders';
import { RolesRepository } from '../roles/roles.repository';
import { type AccessTokenSubject } from '../tokens/access-tokens.service';
import { SessionsService } from '../tokens/sessions.service';
import { TokenRevocations } from '../tokens/token-revocations.service';
import { agentSnapshot, sessionStillOpen, tokenSubject } from './account-access';
import { type UserRecord, UsersRepository } from './users.repository';

/** What a user may do and what the other services learn about them, from their roles. */
@Injectable()
export class AccountsService implements PrincipalValidator, RoleHolders {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly sessions: SessionsService,
    private readonly revocations: TokenRevocations,
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  async grantsOf(user: Pick<UserRecord, 'id' | 'roleIds'>): Promise<Grants> {
    const grants = grantsOf(await this.roles.findByIds(user.roleIds));
    return withPlatformGrants(grants, user.id, this.config.PLATFORM_OPERATORS);
  }

  async subjectOf(user: UserRecord): Promise<Omit<AccessTokenSubject, 'sid'>> {
    return tokenSubject(user, await this.grantsOf(user));
  }

  async snapshotOf(user: UserRecord): Promise<AgentSnapshot> {
    return agentSnapshot(user, await this.grantsOf(user));
  }

  /** Tells the other services the user's current state (chat keeps its agents from these). */
  async announce(user: UserRecord): Promise<void> {
    await this.events.publish(UserUpdatedV1, {
      tenantId: user.tenantId,
      payload: await this.snapshotOf(user),
    });
  }

  /**
   * Ends every session of a user of the tenant in context, and the access tokens already handed
   * out, here and (through the revocation event) in every other service.
   */
  async revokeSessions(userId: string, reason: SessionEndReason): Promise<void> {
    const now = new Date();
    await this.users.update(userId, { sessionsRevokedAt: now });
    await this.sessions.endAll({ tenantId: TenantContext.current(), userId }, reason, now);
  }

  /** After the user's roles, or a role they hold, changed: what they may do, everywhere. */
  async announcePermissionsChanged(user: UserRecord): Promise<void> {
    const grants = await this.grantsOf(user);
    await this.announce(user);
    await this.revocations.permissionsChanged({
      tenantId: user.tenantId,
      userId: user.id,
      roles: grants.roles,
      permissions: grants.permissions,
      at: new Date(),
    });
  }

  /**
   * Each request re-reads the user: a deactivated user or a session ended by "log out
   * everywhere" is refused at once, and permissions changed since the token was issued apply.
   */
  async validate(principal: Principal): Promise<Principal | null> {
    return forTenant(
      principal.tenantId,
      'a principal is checked against its own tenant',
      async () => {
        const user = await this.users.findById(principal.userId);
        if (!sessionStillOpen(principal, user)) return null;
        const grants = await this.grantsOf(user);
        return {
          ...principal,
          name: user.name,
          roles: grants.roles,
          permissions: grants.permissions,
        };
      },
    );
  }

  async isHeld(roleId: string): Promise<boolean> {
    return (await this.users.listHoldingRole(roleId)).length > 0;
  }

  async granterOf(principal: Principal): Promise<Granter> {
    const [user, admin] = await Promise.all([
      this.users.findById(principal.userId),
      this.roles.findBuiltIn('admin'),
    ]);
    return {
      userId: principal.userId,
      permissions: principal.permissions,
      isAdmin: user !== null && admin !== null && user.roleIds.includes(admin.id),
    };
  }

  async announceHoldersOf(roleId: string): Promise<void> {
    for (const user of await this.users.listHoldingRole(roleId))
      await this.announcePermissionsChanged(user);
  }
}
