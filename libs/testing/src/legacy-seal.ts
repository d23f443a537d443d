import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * How Parley sealed links, unsubscribe tokens and the sign-in flow's cookie before each purpose
 * had a key of its own: AES-256-GCM under SHA-256 of `parley-seal:<key>`. Tests forge with it
 * what the old code accepted, to show the new code does not.
 */
export function sealedTheOldWay(plaintext: string, key: string): string {
  const iv = randomBytes(12);
  const derived = createHash('sha256').update(`parley-seal:${key}`).digest();
  const cipher = createCipheriv('aes-256-gcm', derived, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}
