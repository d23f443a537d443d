import { type ApiTokenGrant, grantHolds, isApiTokenBearer, principalOfApiToken } from './api-token';
import { newApiToken } from './secret-hash';

const grant: ApiTokenGrant = {
  id: 'tok-1',
  tenantId: 'tenant-1',
  name: 'CRM sync',
  permissions: ['chats:join'],
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
};

describe('API tokens', () => {
  it('are prl_ and 256 random bits in base64url, never twice the same', () => {
    const token = newApiToken();
    expect(token).toMatch(/^prl_[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).not.toBe(token);
  });

  it('are told from access tokens (JWTs) by their prefix, and an overlong bearer is not one', () => {
    expect(isApiTokenBearer(newApiToken())).toBe(true);
    expect(isApiTokenBearer('eyJhbGciOiJFUzI1NiJ9.e30.sig')).toBe(false);
    expect(isApiTokenBearer(`prl_${'a'.repeat(200)}`)).toBe(false);
  });

  it('act as a principal of their tenant that is no user, with the token’s permissions only', () => {
    expect(principalOfApiToken(grant)).toMatchObject({
      kind: 'api-token',
      userId: 'api-token:tok-1',
      tenantId: 'tenant-1',
      name: 'CRM sync',
      roles: [],
      permissions: ['chats:join'],
    });
  });

  it('hold until their expiry, or for ever without one', () => {
    const expiring = { ...grant, expiresAt: '2026-06-01T00:00:00.000Z' };
    expect(grantHolds(expiring, new Date('2026-05-31T23:59:59.999Z'))).toBe(true);
    expect(grantHolds(expiring, new Date('2026-06-01T00:00:00.000Z'))).toBe(false);
    expect(grantHolds(grant, new Date('9000-01-01T00:00:00.000Z'))).toBe(true);
  });
});
