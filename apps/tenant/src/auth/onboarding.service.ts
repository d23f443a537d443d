import { forTenant } from '@app/tenancy';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { builtInRoles } from '../roles/built-in-roles';
import { RolesRepository } from '../roles/roles.repository';
import { type TenantRecord } from '../tenants/tenants.repository';
import { TenantsService } from '../tenants/tenants.service';
import { AccountsService } from '../users/accounts.service';
import { emailTaken } from '../users/user-errors';
import { type UserRecord, UsersRepository } from '../users/users.repository';

/** A new tenant with its built-in roles and its first admin, by password or by Google. */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly users: UsersRepository,
    private readonly roles: RolesRepository,
    private readonly accounts: AccountsService,
  ) {}

  /**
   * A password sign-up's admin starts `unverified` (holding no claim on the address until the
   * emailed link proves it); a Google one starts `active`, the provider having verified it.
   */
  async createTenant(
    tenantName: string,
    admin: {
      email: string;
      name: string;
      passwordHash: string | null;
      googleSubject?: string;
      status: 'unverified' | 'active';
    },
  ): Promise<{ tenant: TenantRecord; admin: UserRecord }> {
    if (await this.users.findByEmailInAnyTenant(admin.email)) throw emailTaken();
    const tenant = await this.tenants.create(tenantName);
    return forTenant(tenant.id, 'a new workspace is set up', async () => {
      const builtIn = builtInRoles();
      const adminRole = await this.roles.create(builtIn.admin);
      await this.roles.create(builtIn.agent);
      let user: UserRecord;
      try {
        user = await this.users.create({ ...admin, roleIds: [adminRole.id] });
      } catch (error) {
        // Another sign-up took the email in the meantime: leave nothing of this one behind.
        await this.roles.deleteAll();
        await this.tenants.discard(tenant.id);
        if (isDuplicateKey(error)) throw emailTaken();
        throw error;
      }
      // Announced only now that the tenant is whole, so no half sign-up is ever counted (an
      // unverified admin is announced as `invited`, then as `active` once verified).
      await this.tenants.announce(tenant);
      await this.accounts.announce(user);
      return { tenant, admin: user };
    });
  }
}
