import { weeklyHoursSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { emailField, personName } from '../../auth/dto/auth.dto';

const roleIds = z.array(z.string().min(1).max(64)).min(1, 'at least one role').max(20);
const maxConcurrentChats = z.number().int().min(0).max(100);

export class InviteAgentDto extends createZodDto(
  z.strictObject({
    email: emailField,
    name: personName,
    roleIds: roleIds.optional(),
    maxConcurrentChats: maxConcurrentChats.optional(),
  }),
) {}

export class UpdateAgentDto extends createZodDto(
  someChange(
    z.strictObject({
      name: personName.optional(),
      roleIds: roleIds.optional(),
      maxConcurrentChats: maxConcurrentChats.optional(),
      /** Weekly working hours in the tenant's time zone; `[]`: always on shift. */
      shifts: weeklyHoursSchema.optional(),
      status: z.enum(['active', 'deactivated']).optional(),
    }),
  ),
) {}

export class ListAgentsQuery extends createZodDto(
  z.strictObject({ status: z.enum(['invited', 'active', 'deactivated']).optional() }),
) {}
