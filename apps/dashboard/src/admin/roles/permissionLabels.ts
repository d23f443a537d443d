/** Each permission in words: a short column title and what it lets one do. */
export const PERMISSION_LABELS: Record<string, { title: string; description: string }> = {
  'tenant:manage': {
    title: 'Settings',
    description: 'Change the workspace name, colour and assignment',
  },
  'agents:manage': { title: 'Agents', description: 'Invite, change, deactivate and delete agents' },
  'roles:manage': { title: 'Roles', description: 'Create roles and change their permissions' },
  'chatbots:manage': {
    title: 'Chatbots',
    description: 'Create and change chatbots and their API keys',
  },
  'chats:join': { title: 'Join chats', description: 'See the queue and answer visitors' },
  'chats:block': { title: 'Block', description: 'Close a chat as blocked, barring the visitor' },
  'chats:transfer': { title: 'Transfer', description: 'Hand a chat to another agent or team' },
  'chats:supervise': {
    title: 'Supervise',
    description: 'See every queue and open chat; reassign chats or return them to the queue',
  },
  'canned:manage': {
    title: 'Canned replies',
    description: 'Create, change and delete the canned replies every agent shares',
  },
  'contacts:erase': {
    title: 'Erase contacts',
    description: 'Erase a contact with all their conversations, messages and files',
  },
  'contacts:export': {
    title: 'Export contacts',
    description: 'Download all that is stored about a contact',
  },
  'sla:manage': {
    title: 'SLA policies',
    description: 'Create, change and delete the response and resolution targets',
  },
  'labels:manage': {
    title: 'Labels',
    description: 'Create, rename, recolour and delete the labels agents put on conversations',
  },
  'api-tokens:manage': {
    title: 'API tokens',
    description: 'Create and revoke the tokens your backend calls Parley with, and see their use',
  },
  'integrations:manage': {
    title: 'Webhooks',
    description: 'Register outgoing webhooks, see their delivery log and rotate their secrets',
  },
  'analytics:view': {
    title: 'Analytics',
    description: 'See analytics, reports and the status page',
  },
  'notifications:manage': {
    title: 'Emails',
    description: 'See the email log and retry failed mail',
  },
};

export function permissionTitle(permission: string): string {
  return PERMISSION_LABELS[permission]?.title ?? permission;
}
