import { type Granter, refusePermissionsBeyondOwn, refuseRolesBeyondOwn } from './grant-rules';

const manager: Granter = {
  userId: 'user-1',
  permissions: ['agents:manage', 'chats:join'],
  isAdmin: false,
};
const admin: Granter = { userId: 'user-2', permissions: ['agents:manage'], isAdmin: true };
const codeOf = (attempt: () => void): string | undefined => {
  try {
    attempt();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('what a caller may grant', () => {
  it('is any permission they hold, and none they lack, naming what they lack', () => {
    expect(codeOf(() => refusePermissionsBeyondOwn(manager, ['chats:join']))).toBeUndefined();
    expect(() => refusePermissionsBeyondOwn(manager, ['chats:join', 'tenant:manage'])).toThrow(
      'you lack: tenant:manage',
    );
    expect(codeOf(() => refusePermissionsBeyondOwn(manager, ['roles:manage']))).toBe(
      'grant_exceeds_own',
    );
  });

  it('is a role only when every permission of it is theirs', () => {
    const agentRole = { builtIn: 'agent' as const, permissions: ['chats:join'] };
    const analystRole = { builtIn: null, permissions: ['analytics:view'] };
    expect(codeOf(() => refuseRolesBeyondOwn(manager, [agentRole]))).toBeUndefined();
    expect(codeOf(() => refuseRolesBeyondOwn(manager, [agentRole, analystRole]))).toBe(
      'grant_exceeds_own',
    );
  });

  it('is the Admin role only for an Admin', () => {
    const adminRole = { builtIn: 'admin' as const, permissions: ['agents:manage'] };
    const everything = { ...manager, permissions: ['agents:manage'] };
    expect(codeOf(() => refuseRolesBeyondOwn(everything, [adminRole]))).toBe('admin_required');
    expect(codeOf(() => refuseRolesBeyondOwn(admin, [adminRole]))).toBeUndefined();
  });
});
