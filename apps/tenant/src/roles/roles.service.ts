import { AppHttpError } from '@app/platform';
import { isDuplicateKey } from '@app/database';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type Principal } from '@app/auth';
import { adminRequired, refusePermissionsBeyondOwn } from './grant-rules';
import { ROLE_HOLDERS, type RoleHolders } from './role-holders';
import { type RoleRecord, RolesRepository } from './roles.repository';

const notFound = () => new NotFoundException('role not found');
const nameTaken = () =>
  new AppHttpError(409, 'role_name_taken', 'a role with this name already exists');

/**
 * Roles of the tenant in context. A change reaches the other services through each holder. A
 * caller adds to a role only permissions they hold, and only an Admin touches the Admin role.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly roles: RolesRepository,
    @Inject(ROLE_HOLDERS) private readonly holders: RoleHolders,
  ) {}

  list(): Promise<RoleRecord[]> {
    return this.roles.list();
  }

  async get(id: string): Promise<RoleRecord> {
    const role = await this.roles.findById(id);
    if (!role) throw notFound();
    return role;
  }

  async create(
    input: { name: string; permissions: string[] },
    caller: Principal,
  ): Promise<RoleRecord> {
    refusePermissionsBeyondOwn(await this.holders.granterOf(caller), input.permissions);
    try {
      return await this.roles.create(input);
    } catch (error) {
      if (isDuplicateKey(error)) throw nameTaken();
      throw error;
    }
  }

  async update(
    id: string,
    changes: { name?: string; permissions?: string[] },
    caller: Principal,
  ): Promise<RoleRecord> {
    const role = await this.get(id);
    const granter = await this.holders.granterOf(caller);
    if (role.builtIn === 'admin' && !granter.isAdmin) throw adminRequired();
    if (changes.permissions) {
      // Withdrawing a permission grants nothing; only the added ones must be the caller's.
      const added = changes.permissions.filter(
        (permission) => !role.permissions.includes(permission),
      );
      refusePermissionsBeyondOwn(granter, added);
    }
    if (role.builtIn === 'admin' && changes.permissions) {
      throw new AppHttpError(409, 'builtin_role', 'the Admin role always holds every permission');
    }
    let updated: RoleRecord | null;
    try {
      updated = await this.roles.update(id, changes);
    } catch (error) {
      if (isDuplicateKey(error)) throw nameTaken();
      throw error;
    }
    if (!updated) throw notFound();
    if (changes.permissions) await this.holders.announceHoldersOf(id);
    return updated;
  }

  async grant(id: string, permission: string, caller: Principal): Promise<RoleRecord> {
    const role = await this.get(id);
    return this.update(
      id,
      { permissions: [...new Set([...role.permissions, permission])] },
      caller,
    );
  }

  async deny(id: string, permission: string, caller: Principal): Promise<RoleRecord> {
    const role = await this.get(id);
    return this.update(
      id,
      { permissions: role.permissions.filter((held) => held !== permission) },
      caller,
    );
  }

  async delete(id: string): Promise<void> {
    const role = await this.get(id);
    if (role.builtIn)
      throw new AppHttpError(409, 'builtin_role', 'built-in roles cannot be deleted');
    if (await this.holders.isHeld(id)) {
      throw new AppHttpError(409, 'role_in_use', 'the role is still assigned to agents');
    }
    await this.roles.delete(id);
  }
}
