import { newSecret, sameHash, sha256 } from '@app/auth';
import { randomUUID } from 'node:crypto';

/** A token as handed out: `<id>.<secret>`. Only the secret's SHA-256 is stored, under the id. */
export interface IssuedToken {
  id: string;
  token: string;
  secretSha256: string;
}

export function issueToken(): IssuedToken {
  const id = randomUUID();
  const secret = newSecret();
  return { id, token: `${id}.${secret}`, secretSha256: sha256(secret) };
}

/** The halves of a presented token, or null when one is missing. */
export function readToken(presented: string): { id: string; secret: string } | null {
  const [id, secret] = presented.split('.');
  return id && secret ? { id, secret } : null;
}

/** Whether a presented secret is the one whose hash was stored (in constant time). */
export function secretMatches(secret: string, stored: { secretSha256: string }): boolean {
  return sameHash(secret, stored.secretSha256);
}
