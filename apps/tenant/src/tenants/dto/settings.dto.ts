import { tenantSettingsSchema } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';

export class UpdateSettingsDto extends createZodDto(
  tenantSettingsSchema
    .partial()
    .refine((body) => Object.keys(body).length > 0, 'nothing to change'),
) {}
