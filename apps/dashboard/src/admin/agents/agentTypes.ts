import type { AgentView, Jsonified } from '@app/contracts';

export type { AgentStatus } from '@app/contracts';
// A value from the zod-free file itself, so that the bundle does not take in the event schemas.
export { DEFAULT_MAX_CONCURRENT_CHATS as DEFAULT_MAX_CHATS } from '@app/contracts/rest/agents';

/** An agent (any user of the workspace) as GET /api/tenant/agents answers it. */
export type Agent = Jsonified<AgentView>;
