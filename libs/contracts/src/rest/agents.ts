import { type WeeklyHours } from '../schedule';

export type AgentStatus = 'invited' | 'active' | 'deactivated';

/** A new agent's limit of chats at once, unless the invitation sets one. */
export const DEFAULT_MAX_CONCURRENT_CHATS = 5;

/** An agent (any user of the workspace) as `GET /api/tenant/agents` answers it. */
export interface AgentView {
  id: string;
  email: string;
  name: string;
  roleIds: string[];
  /** The roles' names, sorted. */
  roles: string[];
  permissions: string[];
  status: AgentStatus;
  maxConcurrentChats: number;
  /** Weekly working hours in the tenant's time zone; empty: always on shift. */
  shifts: WeeklyHours;
  ipAddresses: string[];
  lastSignInAt: Date | null;
  createdAt: Date;
}
