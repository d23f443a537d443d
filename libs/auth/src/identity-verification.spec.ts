import { createHmac } from 'node:crypto';
import { identityHash, isIdentityHash, newIdentitySecret } from './identity-verification';

describe('identity verification', () => {
  const secret = newIdentitySecret();

  it('accepts the hex HMAC-SHA256 a tenant backend computes with any library', () => {
    const hash = createHmac('sha256', secret).update('jane@example.com').digest('hex');
    expect(isIdentityHash(secret, 'jane@example.com', hash)).toBe(true);
    expect(identityHash(secret, ' Jane@Example.com ')).toBe(hash);
  });

  it("refuses another email's signature, another secret's, and anything not a signature", () => {
    const hash = identityHash(secret, 'jane@example.com');
    expect(isIdentityHash(secret, 'john@example.com', hash)).toBe(false);
    expect(isIdentityHash(newIdentitySecret(), 'jane@example.com', hash)).toBe(false);
    expect(isIdentityHash(secret, 'jane@example.com', hash.slice(0, 62))).toBe(false);
    expect(isIdentityHash(secret, 'jane@example.com', 'not hex at all')).toBe(false);
  });

  it('makes secrets that differ and carry 256 random bits', () => {
    const other = newIdentitySecret();
    expect(other).not.toBe(secret);
    expect(secret).toMatch(/^is_[\w-]{43}$/);
  });
});
