import { type Jsonified } from '@app/contracts';
import { z } from 'zod';
import { type TeamRecord } from '../teams.repository';

/** The bodies the teams routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const teamAnswer = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()).describe('Agents of the team: they see its queue.'),
  categoryIds: z
    .array(z.string())
    .describe("Rooms of these categories wait in the team's queue (first team that has one)."),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<TeamRecord>>;

export const teamsAnswer = z.object({ teams: z.array(teamAnswer) });
