import {
  agentSnapshot,
  agentStatus,
  canSignIn,
  sessionStillOpen,
  tokenSubject,
} from './account-access';
import { type UserRecord } from './users.repository';

const user = (changes: Partial<UserRecord> = {}): UserRecord => ({
  id: 'user-1',
  tenantId: 'tenant-1',
  email: 'ada@example.com',
  name: 'Ada',
  passwordHash: null,
  roleIds: ['role-1'],
  status: 'active',
  maxConcurrentChats: 5,
  shifts: [],
  ipAddresses: [],
  googleSubject: null,
  sessionsRevokedAt: null,
  lastSignInAt: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...changes,
});
const grants = { roles: ['Agent'], permissions: ['chats:join'] };

describe('who may sign in', () => {
  it('is an active user only: not an unknown, unverified, invited or deactivated one', () => {
    expect(canSignIn(user())).toBe(true);
    expect(canSignIn(null)).toBe(false);
    expect(canSignIn(user({ status: 'unverified' }))).toBe(false);
    expect(canSignIn(user({ status: 'invited' }))).toBe(false);
    expect(canSignIn(user({ status: 'deactivated' }))).toBe(false);
  });
});

describe('the status other services see', () => {
  it('is the user’s own, but a sign-up still waiting for its link is not an agent yet', () => {
    expect(agentStatus('active')).toBe('active');
    expect(agentStatus('deactivated')).toBe('deactivated');
    expect(agentStatus('invited')).toBe('invited');
    expect(agentStatus('unverified')).toBe('invited');
  });
});

describe('whether a token’s session is still open', () => {
  const revokedAt = new Date('2026-02-01T10:00:00Z');
  const issuedAt = (iso: string) => ({ issuedAt: new Date(iso) });

  it('is closed once its user may no longer sign in', () => {
    expect(sessionStillOpen(issuedAt('2026-02-01T11:00:00Z'), user())).toBe(true);
    expect(
      sessionStillOpen(issuedAt('2026-02-01T11:00:00Z'), user({ status: 'deactivated' })),
    ).toBe(false);
    expect(sessionStillOpen(issuedAt('2026-02-01T11:00:00Z'), null)).toBe(false);
  });

  it('is closed for tokens issued before "log out everywhere", open from that second on', () => {
    const revoked = user({ sessionsRevokedAt: revokedAt });
    expect(sessionStillOpen(issuedAt('2026-02-01T09:59:59Z'), revoked)).toBe(false);
    expect(sessionStillOpen(issuedAt('2026-02-01T10:00:00Z'), revoked)).toBe(true);
    expect(sessionStillOpen(issuedAt('2026-02-01T10:00:01Z'), revoked)).toBe(true);
  });
});

describe('what an access token and the other services are told about a user', () => {
  it('names the user, their tenant and their grants in the token', () => {
    expect(tokenSubject(user(), grants)).toEqual({
      sub: 'user-1',
      tid: 'tenant-1',
      name: 'Ada',
      email: 'ada@example.com',
      roles: ['Agent'],
      perms: ['chats:join'],
    });
  });

  it('tells the other services the state and chat limit, never the password or sign-in details', () => {
    const snapshot = agentSnapshot(
      user({ passwordHash: 'bcrypt', googleSubject: 'g-1', ipAddresses: ['10.0.0.1'] }),
      grants,
    );
    expect(snapshot).toEqual({
      userId: 'user-1',
      email: 'ada@example.com',
      name: 'Ada',
      roles: ['Agent'],
      permissions: ['chats:join'],
      status: 'active',
      maxConcurrentChats: 5,
      shifts: [],
    });
  });
});
