import { type Principal, type PrincipalValidator } from '@app/auth';
import { forTenant } from '@app/tenancy';
import { type AgentSnapshot, UserUpdatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { type Grants, grantsOf } from '../roles/role-grants';
import { type Granter } from '../roles/grant-rules';
import { type RoleHolders } from '../roles/role-holders';
import { RolesRepository } from '../roles/roles.repository';
import { type AccessTokenSubject } from '../tokens/access-tokens.service';
import { SessionsService } from '../tokens/sessions.service';
import { agentSnapshot, sessionStillOpen, tokenSubject } from './account-access';
import { type UserRecord, UsersRepository } from './users.repository';

/** What a user may do and what the other services learn about them, from their roles. */
@Injectable()
export class AccountsService implements PrincipalValidator, RoleHolders {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly sessions: SessionsService,
    private readonly events: EventPublisher,
  ) {}

  async grantsOf(user: Pick<UserRecord, 'roleIds'>): Promise<Grants> {
    return grantsOf(await this.roles.findByIds(user.roleIds));
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

  /** Ends every session of a user of the tenant in context, and the access tokens already handed out. */
  async revokeSessions(userId: string): Promise<void> {
    await this.sessions.endAll(userId);
    // Whole seconds, like a token's `iat`: a token issued later in this second stays valid.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await this.users.update(userId, { sessionsRevokedAt: now });
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
    for (const user of await this.users.listHoldingRole(roleId)) await this.announce(user);
  }
}
