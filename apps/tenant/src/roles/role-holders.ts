import { type Principal } from '@app/auth';
import { type Granter } from './grant-rules';

export const ROLE_HOLDERS = Symbol('ROLE_HOLDERS');

/**
 * What a role change needs from the users who hold the role. Users depend on roles (a user's
 * grants come from them), so the users module provides this rather than roles importing users.
 */
export interface RoleHolders {
  isHeld(roleId: string): Promise<boolean>;
  /** Tells the other services the current grants of everyone holding the role. */
  announceHoldersOf(roleId: string): Promise<void>;
  /** What the caller may grant: their current permissions, and whether they hold Admin. */
  granterOf(principal: Principal): Promise<Granter>;
}
