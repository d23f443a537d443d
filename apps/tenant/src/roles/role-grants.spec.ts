import { PERMISSIONS } from '@app/auth';
import { grantsOf, withPlatformGrants } from './role-grants';
import { toRoleRecord } from './roles.repository';

describe('what roles grant', () => {
  it('is every permission any of the roles holds, once, with the role names, both sorted', () => {
    const grants = grantsOf([
      { name: 'Support', permissions: ['chats:transfer', 'chats:join'] },
      { name: 'Analyst', permissions: ['analytics:view', 'chats:join'] },
    ]);
    expect(grants).toEqual({
      roles: ['Analyst', 'Support'],
      permissions: ['analytics:view', 'chats:join', 'chats:transfer'],
    });
  });

  it('is nothing without a role', () => {
    expect(grantsOf([])).toEqual({ roles: [], permissions: [] });
  });

  it('is every permission there is for the Admin role, including ones added after it was stored', () => {
    const stored = {
      _id: 'role-1',
      tenantId: 'tenant-1',
      name: 'Admin',
      permissions: ['tenant:manage'],
      builtIn: 'admin' as const,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    expect(toRoleRecord(stored).permissions).toEqual([...PERMISSIONS]);
    expect(toRoleRecord({ ...stored, builtIn: null }).permissions).toEqual(['tenant:manage']);
  });
});

describe('what the platform’s operators hold', () => {
  const admin = grantsOf([{ name: 'Admin', permissions: [...PERMISSIONS] }]);

  it('is the platform’s permissions beside their roles’, for a user named an operator', () => {
    const grants = withPlatformGrants(admin, 'user-1', ['user-0', 'user-1']);
    expect(grants.permissions).toEqual([...PERMISSIONS, 'platform:operate'].sort());
    expect(grants.roles).toEqual(['Admin']);
  });

  it('is nothing more than their roles grant for anyone else, Admin included', () => {
    expect(withPlatformGrants(admin, 'user-2', ['user-1'])).toEqual(admin);
    expect(admin.permissions).not.toContain('platform:operate');
  });
});
