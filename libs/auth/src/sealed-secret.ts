import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals a secret (e.g. a password-reset link) for the trip through Kafka: AES-256-GCM with a
 * key derived from the shared `NOTIFICATION_SEAL_KEY`. Output: base64url(iv | tag | ciphertext).
 */
export function seal(plaintext: string, sealKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(sealKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed secret; throws when it was sealed under another key or tampered with. */
export function unseal(sealed: string, sealKey: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(sealKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function deriveKey(sealKey: string): Buffer {
  return createHash('sha256').update(`parley-seal:${sealKey}`).digest();
}
