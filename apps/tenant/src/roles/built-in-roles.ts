import { PERMISSIONS } from '@app/auth';

export interface BuiltInRole {
  name: string;
  permissions: string[];
  builtIn: 'admin' | 'agent';
}

/** The roles every new workspace starts with: its first user is Admin, invitations default to Agent. */
export function builtInRoles(): { admin: BuiltInRole; agent: BuiltInRole } {
  return {
    admin: { name: 'Admin', permissions: [...PERMISSIONS], builtIn: 'admin' },
    agent: {
      name: 'Agent',
      permissions: ['chats:join', 'chats:block', 'chats:transfer'],
      builtIn: 'agent',
    },
  };
}
