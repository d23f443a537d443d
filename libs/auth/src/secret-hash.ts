import { API_TOKEN_PREFIX } from '@app/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * For random secrets (API keys, refresh, reset and invite tokens): 256 bits of entropy make a
 * plain SHA-256 safe to store and fast to look up; passwords use bcrypt instead.
 */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** `pk_` + 256 random bits: a publishable key (it sits in the site's HTML) that is still unguessable. */
export function newChatbotApiKey(): string {
  return `pk_${newSecret()}`;
}

/**
 * `prl_` + 256 random bits: a tenant's server-to-server API token. The prefix tells it from an
 * access token (a JWT) and lets secret scanners recognise a leaked one.
 */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

export function sha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameHash(secret: string, expectedSha256: string): boolean {
  const actual = Buffer.from(sha256(secret), 'hex');
  const expected = Buffer.from(expectedSha256, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
