import { type AgentView, type Jsonified, weeklyHoursSchema } from '@app/contracts';
import { z } from 'zod';

/** The bodies the agents routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const agentAnswer = z.object({
  id: z.string(),
  email: z.email(),
  name: z.string(),
  roleIds: z.array(z.string()),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  status: z.enum(['invited', 'active', 'deactivated']),
  maxConcurrentChats: z.int().min(0),
  shifts: weeklyHoursSchema,
  ipAddresses: z.array(z.string()),
  lastSignInAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<AgentView>>;

export const agentsAnswer = z.object({ agents: z.array(agentAnswer) });
