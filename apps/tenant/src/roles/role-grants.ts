import { PLATFORM_PERMISSIONS } from '@app/auth';
import { type RoleRecord } from './roles.repository';

export interface Grants {
  roles: string[];
  permissions: string[];
}

/** What a set of roles grants: their names, and every permission any of them holds, once. */
export function grantsOf(roles: Pick<RoleRecord, 'name' | 'permissions'>[]): Grants {
  return {
    roles: roles.map((role) => role.name).sort(),
    permissions: [...new Set(roles.flatMap((role) => role.permissions))].sort(),
  };
}

/** An operator of the platform holds, beside what their roles grant, the platform's permissions. */
export function withPlatformGrants(
  grants: Grants,
  userId: string,
  operators: readonly string[],
): Grants {
  if (!operators.includes(userId)) return grants;
  return {
    roles: grants.roles,
    permissions: [...new Set([...grants.permissions, ...PLATFORM_PERMISSIONS])].sort(),
  };
}
