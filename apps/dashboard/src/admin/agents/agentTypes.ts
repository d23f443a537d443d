import type { AgentView, Jsonified } from '@app/contracts';

export type { AgentStatus } from '@app/contracts';

/** An agent (any user of the workspace) as GET /api/tenant/agents answers it. */
export type Agent = Jsonified<AgentView>;
