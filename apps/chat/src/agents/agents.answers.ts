import { type Jsonified } from '@app/contracts';
import { z } from 'zod';
import { type AgentOnline } from './agent-presence.service';

/** The body of `GET /agents/online`, for the OpenAPI document (see `ApiAnswer`). */
export const agentsOnlineAnswer = z.object({
  agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['available', 'busy', 'away']),
    }) satisfies z.ZodType<Jsonified<AgentOnline>>,
  ),
});
