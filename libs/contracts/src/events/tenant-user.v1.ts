import { z } from 'zod';
import { defineEvent } from '../define-event';
import { weeklyHoursSchema } from '../schedule';

/** The whole agent as chat needs it: every user event carries the full current state. */
export const agentSnapshotSchema = z.object({
  userId: z.string().min(1),
  email: z.string().email(),
  name: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  status: z.enum(['invited', 'active', 'deactivated']),
  maxConcurrentChats: z.number().int().min(0),
  /** Weekly working hours in the tenant's time zone; none: always on shift. */
  shifts: weeklyHoursSchema.default([]),
});

export type AgentSnapshot = z.infer<typeof agentSnapshotSchema>;

export const UserInvitedV1 = defineEvent({
  type: 'tenant.user.invited',
  version: 1,
  keyKind: 'tenant',
  payload: agentSnapshotSchema,
});

/** Any change to a user or to a role it holds (permissions, status, capacity, name). */
export const UserUpdatedV1 = defineEvent({
  type: 'tenant.user.updated',
  version: 1,
  keyKind: 'tenant',
  payload: agentSnapshotSchema,
});

export const UserDeletedV1 = defineEvent({
  type: 'tenant.user.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ userId: z.string().min(1) }),
});
