import { AppHttpError } from '@app/platform';
import { type RoleRecord } from './roles.repository';

/** Who is handing out roles or permissions, as far as the rules below care. */
export interface Granter {
  userId: string;
  permissions: readonly string[];
  /** Holds the built-in Admin role (not merely every permission it has today). */
  isAdmin: boolean;
}

/** The 403s of the routes that hand out roles or permissions, for the OpenAPI document. */
export const GRANT_ERRORS = {
  403: "A permission the route needs is lacking, or `grant_exceeds_own` (granting what the caller does not hold), `own_roles` (changing one's own roles), `admin_required` (the Admin role, or an Admin, is touched by a non-Admin).",
};

export const adminRequired = () =>
  new AppHttpError(
    403,
    'admin_required',
    'only an Admin can grant, change or revoke the Admin role',
  );

export const ownRolesLocked = () =>
  new AppHttpError(403, 'own_roles', 'no one can change their own roles; ask another admin');

/**
 * A caller may grant only what they hold: otherwise `roles:manage` or `agents:manage` alone
 * would be a way to every other permission.
 */
export function refusePermissionsBeyondOwn(granter: Granter, permissions: readonly string[]): void {
  const lacking = permissions.filter((permission) => !granter.permissions.includes(permission));
  if (lacking.length > 0) {
    throw new AppHttpError(
      403,
      'grant_exceeds_own',
      `you can grant only permissions you hold yourself; you lack: ${[...new Set(lacking)].sort().join(', ')}`,
    );
  }
}

/** Giving roles to someone: Admin only from an Admin, any other role only within the giver's own permissions. */
export function refuseRolesBeyondOwn(
  granter: Granter,
  roles: readonly Pick<RoleRecord, 'builtIn' | 'permissions'>[],
): void {
  if (roles.some((role) => role.builtIn === 'admin') && !granter.isAdmin) throw adminRequired();
  refusePermissionsBeyondOwn(
    granter,
    roles.flatMap((role) => role.permissions),
  );
}
