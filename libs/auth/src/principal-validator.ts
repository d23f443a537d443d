import { type Principal } from './access-token';

export const PRINCIPAL_VALIDATOR = Symbol('PRINCIPAL_VALIDATOR');

/**
 * Lets the service that owns accounts (tenant) re-check a token's bearer on each request:
 * a deactivated user or a signed-out session is refused at once, and permissions are current.
 * Other services trust the short-lived token.
 */
export interface PrincipalValidator {
  validate(principal: Principal): Promise<Principal | null>;
}
