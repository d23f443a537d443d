import { teamHoursSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const name = z.string().trim().min(1, 'required').max(80);
const ids = (max: number) =>
  z
    .array(z.string().min(1).max(64))
    .max(max)
    .transform((list) => [...new Set(list)]);

/** Members: ids of the workspace's active agents; categories: ids from its category list. */
const teamFields = z.strictObject({
  name,
  memberIds: ids(500).default([]),
  categoryIds: ids(100).default([]),
  /** null: the tenant's business hours. */
  businessHours: teamHoursSchema.nullable().default(null),
});

export class CreateTeamDto extends createZodDto(teamFields) {}

export class UpdateTeamDto extends createZodDto(
  someChange(
    z.strictObject({
      name: name.optional(),
      memberIds: ids(500).optional(),
      categoryIds: ids(100).optional(),
      businessHours: teamHoursSchema.nullable().optional(),
    }),
  ),
) {}
