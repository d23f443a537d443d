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
