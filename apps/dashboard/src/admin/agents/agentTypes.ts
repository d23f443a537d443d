export type AgentStatus = 'active' | 'invited' | 'deactivated';

/** An agent (any user of the workspace) as GET /api/tenant/agents answers it. */
export interface Agent {
  id: string;
  email: string;
  name: string;
  roleIds: string[];
  /** The roles' names, sorted. */
  roles: string[];
  permissions: string[];
  status: AgentStatus;
  maxConcurrentChats: number;
  ipAddresses: string[];
  lastSignInAt: string | null;
  createdAt: string;
}

export const DEFAULT_MAX_CHATS = 5;
