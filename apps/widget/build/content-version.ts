import { createHash } from 'node:crypto';

/** A short hash of a built file, appended to its URL so browsers never run a stale copy. */
export function contentVersion(source: string | Uint8Array): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}
