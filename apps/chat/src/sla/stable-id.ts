import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 of the name) that is the same every time for the same name:
 * the id of an event or email that may be produced again after a crash, so that its consumers
 * drop the repeat by id.
 */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(`parley:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
