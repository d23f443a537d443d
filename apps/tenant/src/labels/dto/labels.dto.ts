import { LABEL_LIMITS, labelColorSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const fields = {
  name: z.string().trim().min(1, 'required').max(LABEL_LIMITS.nameLength),
  color: labelColorSchema,
};

export class CreateLabelDto extends createZodDto(z.strictObject(fields)) {}

export class UpdateLabelDto extends createZodDto(
  someChange(z.strictObject({ name: fields.name.optional(), color: fields.color.optional() })),
) {}
