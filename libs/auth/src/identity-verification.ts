import { createHmac, timingSafeEqual } from 'node:crypto';
import { newSecret } from './secret-hash';

/**
 * Identity verification of widget visitors, as Intercom and Crisp offer it: the tenant's backend,
 * which knows its signed-in user, signs the user's email with the chatbot's identity secret and
 * the page passes the signature to the widget; chat checks it. Anyone can type any email into a
 * widget, but only the tenant's backend can sign one.
 */
export function newIdentitySecret(): string {
  return `is_${newSecret()}`;
}

/** HMAC-SHA256 of the email (trimmed, lower-cased), in hex: what the tenant's backend computes. */
export function identityHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

/** Whether `hash` is the email's signature under `secret`, compared in constant time. */
export function isIdentityHash(secret: string, email: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(secret, email), 'hex');
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
