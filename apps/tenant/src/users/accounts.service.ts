import { type Principal, type PrincipalValidator } from '@app/auth';
import { forTenant } from '@app/tenancy';
import { type AgentSnapshot, UserUpdatedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { RolesRepository } from '../roles/roles.repository';
import { type AccessTokenSubject } from '../tokens/access-tokens.service';
import { type UserRecord, UsersRepository } from './users.repository';

export interface Grants {
  roles: string[];
  permissions: string[];
}

/** What a user may do and what the other services learn about them, from their roles. */
@Injectable()
export class AccountsService implements PrincipalValidator {
  constructor(
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly events: EventPublisher,
  ) {}

  async grantsOf(user: Pick<UserRecord, 'roleIds'>): Promise<Grants> {
    const roles = await this.roles.findByIds(user.roleIds);
    return {
      roles: roles.map((role) => role.name).sort(),
      permissions: [...new Set(roles.flatMap((role) => role.permissions))].sort(),
    };
  }

  async subjectOf(user: UserRecord): Promise<Omit<AccessTokenSubject, 'sid'>> {
    const grants = await this.grantsOf(user);
    return {
      sub: user.id,
      tid: user.tenantId,
      name: user.name,
      email: user.email,
      roles: grants.roles,
      perms: grants.permissions,
    };
  }

  async snapshotOf(user: UserRecord): Promise<AgentSnapshot> {
    const grants = await this.grantsOf(user);
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      roles: grants.roles,
      permissions: grants.permissions,
      status: user.status,
      maxConcurrentChats: user.maxConcurrentChats,
    };
  }

  /** Tells the other services the user's current state (chat keeps its agents from these). */
  async announce(user: UserRecord): Promise<void> {
    await this.events.publish(UserUpdatedV1, {
      tenantId: user.tenantId,
      payload: await this.snapshotOf(user),
    });
  }

  /** May this user start or keep a session? */
  canSignIn(user: UserRecord | null): user is UserRecord {
    return user !== null && user.status === 'active';
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
        if (!this.canSignIn(user)) return null;
        if (user.sessionsRevokedAt && principal.issuedAt < user.sessionsRevokedAt) return null;
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
}
