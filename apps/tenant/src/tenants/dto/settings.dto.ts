import { tenantSettingsSchema } from '@app/contracts';
import { someChange } from '@app/platform';
import { createZodDto } from 'nestjs-zod';

export class UpdateSettingsDto extends createZodDto(someChange(tenantSettingsSchema.partial())) {}
