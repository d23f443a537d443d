import { PERMISSIONS } from '@app/auth';
import { builtInRoles } from './built-in-roles';

describe('the roles a new workspace starts with', () => {
  it('makes its first user an Admin, who holds every permission', () => {
    expect(builtInRoles().admin).toEqual({
      name: 'Admin',
      permissions: [...PERMISSIONS],
      builtIn: 'admin',
    });
  });

  it('lets an invited Agent join, block and transfer chats, and manage nothing', () => {
    const { agent } = builtInRoles();
    expect(agent.builtIn).toBe('agent');
    expect([...agent.permissions].sort()).toEqual(['chats:block', 'chats:join', 'chats:transfer']);
    expect(agent.permissions.some((permission) => permission.endsWith(':manage'))).toBe(false);
  });

  it('hands each workspace lists of its own, so changing one changes no other', () => {
    builtInRoles().admin.permissions.pop();
    expect(builtInRoles().admin.permissions).toHaveLength(PERMISSIONS.length);
  });
});
