import { z } from 'zod';
import { defineEvent } from '../define-event';
import { teamHoursSchema } from '../schedule';

/** A category of requests, from the tenant's list (journeys and agents set a room's category). */
export const categorySnapshotSchema = z.object({
  categoryId: z.string().min(1),
  name: z.string(),
});

/** A team of agents; rooms whose category is in `categoryIds` wait in the team's queue. */
export const teamSnapshotSchema = z.object({
  teamId: z.string().min(1),
  name: z.string(),
  memberIds: z.array(z.string().min(1)),
  categoryIds: z.array(z.string().min(1)),
  /** Routing picks the first team (oldest first) whose categories hold a room's category. */
  createdAt: z.iso.datetime(),
  /** null: the tenant's hours; absent in events from before teams had hours. */
  businessHours: teamHoursSchema.nullable().optional(),
});

export type CategorySnapshot = z.infer<typeof categorySnapshotSchema>;
export type TeamSnapshot = z.infer<typeof teamSnapshotSchema>;

export const CategoryCreatedV1 = defineEvent({
  type: 'tenant.category.created',
  version: 1,
  keyKind: 'tenant',
  payload: categorySnapshotSchema,
});

export const CategoryUpdatedV1 = defineEvent({
  type: 'tenant.category.updated',
  version: 1,
  keyKind: 'tenant',
  payload: categorySnapshotSchema,
});

/** No longer offered; rooms keep the category they have. */
export const CategoryDeletedV1 = defineEvent({
  type: 'tenant.category.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ categoryId: z.string().min(1) }),
});

export const TeamCreatedV1 = defineEvent({
  type: 'tenant.team.created',
  version: 1,
  keyKind: 'tenant',
  payload: teamSnapshotSchema,
});

export const TeamUpdatedV1 = defineEvent({
  type: 'tenant.team.updated',
  version: 1,
  keyKind: 'tenant',
  payload: teamSnapshotSchema,
});

/** Chat returns the team's rooms to the tenant's queue. */
export const TeamDeletedV1 = defineEvent({
  type: 'tenant.team.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ teamId: z.string().min(1) }),
});
