export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** The tenant service verifies with its own key; every other service reads the JWKS. */
  keys: { publicKeyPem: () => string } | { jwksUrl: string };
  /** The service's name, recorded with each use of an API token. */
  service?: string;
}
