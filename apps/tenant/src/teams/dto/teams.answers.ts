import { type Jsonified, teamHoursSchema, type TeamView } from '@app/contracts';
import { z } from 'zod';

/** The bodies the teams routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const teamAnswer = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()).describe('Agents of the team: they see its queue.'),
  categoryIds: z
    .array(z.string())
    .describe("Rooms of these categories wait in the team's queue (first team that has one)."),
  businessHours: teamHoursSchema
    .nullable()
    .describe(
      "The team's own hours (timeZone null: the tenant's zone); null: the tenant's business hours.",
    ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<TeamView>>;

export const teamsAnswer = z.object({ teams: z.array(teamAnswer) });
