import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type KeyPurpose, purposeKey } from './purpose-keys';

/**
 * Seals a secret (a password-reset link, an unsubscribe token, the sign-in flow's cookie):
 * AES-256-GCM under the key `secret` derives for `purpose`. Output: base64url(iv | tag | ciphertext).
 */
export function seal(plaintext: string, secret: string, purpose: KeyPurpose): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', purposeKey(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/**
 * Opens a sealed secret; throws when it was sealed under another key or for another purpose,
 * or tampered with.
 */
export function unseal(sealed: string, secret: string, purpose: KeyPurpose): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    purposeKey(secret, purpose),
    raw.subarray(0, 12),
  );
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
