import { roomPrioritySchema, SLA_LIMITS, slaEscalationSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const seconds = z
  .number()
  .int('a whole number of seconds')
  .min(SLA_LIMITS.minTargetSeconds)
  .max(SLA_LIMITS.maxTargetSeconds);

const fields = {
  name: z.string().trim().min(1, 'required').max(SLA_LIMITS.nameLength),
  priority: roomPrioritySchema,
  categoryId: z.string().min(1).max(64).nullable(),
  teamId: z.string().min(1).max(64).nullable(),
  firstResponseSeconds: seconds,
  resolutionSeconds: seconds,
  escalation: slaEscalationSchema,
};

/** A resolution target shorter than the first response's is refused by the service (400). */
export class CreateSlaPolicyDto extends createZodDto(
  z.strictObject({
    ...fields,
    categoryId: fields.categoryId.default(null),
    teamId: fields.teamId.default(null),
    escalation: fields.escalation.default({ action: 'none' }),
  }),
) {}

export class UpdateSlaPolicyDto extends createZodDto(
  someChange(
    z.strictObject({
      name: fields.name.optional(),
      priority: fields.priority.optional(),
      categoryId: fields.categoryId.optional(),
      teamId: fields.teamId.optional(),
      firstResponseSeconds: fields.firstResponseSeconds.optional(),
      resolutionSeconds: fields.resolutionSeconds.optional(),
      escalation: fields.escalation.optional(),
    }),
  ),
) {}
