import type { IconName } from './Icon';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Shown only to users holding it; none: everyone (Chatbots is read-only without chatbots:manage). */
  permission?: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAVIGATION: NavGroup[] = [
  {
    label: 'Conversations',
    items: [
      { to: '/inbox', label: 'Inbox', icon: 'inbox', permission: 'chats:join' },
      { to: '/conversations', label: 'History', icon: 'clock', permission: 'chats:join' },
      {
        to: '/canned-replies',
        label: 'Canned replies',
        icon: 'message',
        permission: 'chats:join',
      },
      { to: '/supervision', label: 'Supervision', icon: 'shield', permission: 'chats:supervise' },
      { to: '/blocklist', label: 'Blocklist', icon: 'ban', permission: 'chats:block' },
    ],
  },
  {
    label: 'Workspace',
    items: [
      { to: '/chatbots', label: 'Chatbots', icon: 'bot' },
      { to: '/agents', label: 'Agents', icon: 'users', permission: 'agents:manage' },
      { to: '/roles', label: 'Roles', icon: 'shield', permission: 'roles:manage' },
      { to: '/teams', label: 'Teams', icon: 'users', permission: 'tenant:manage' },
      { to: '/settings', label: 'Settings', icon: 'settings', permission: 'tenant:manage' },
      { to: '/sla-policies', label: 'SLA policies', icon: 'clock', permission: 'sla:manage' },
      { to: '/labels', label: 'Labels', icon: 'tag', permission: 'labels:manage' },
      { to: '/api-tokens', label: 'API tokens', icon: 'key', permission: 'api-tokens:manage' },
    ],
  },
  {
    label: 'Integrations',
    items: [
      { to: '/webhooks', label: 'Webhooks', icon: 'link', permission: 'integrations:manage' },
      { to: '/intercom', label: 'Intercom', icon: 'message', permission: 'integrations:manage' },
      {
        to: '/integrations/reviews',
        label: 'Reviews',
        icon: 'star',
        permission: 'integrations:manage',
      },
    ],
  },
  {
    label: 'Insights',
    items: [
      { to: '/analytics', label: 'Analytics', icon: 'chart', permission: 'analytics:view' },
      { to: '/status', label: 'Status', icon: 'pulse', permission: 'analytics:view' },
      { to: '/emails', label: 'Emails', icon: 'mail', permission: 'notifications:manage' },
    ],
  },
];
