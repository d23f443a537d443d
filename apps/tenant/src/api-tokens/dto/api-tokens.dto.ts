import { PERMISSIONS } from '@app/auth';
import { API_TOKEN_LIMITS } from '@app/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { permissionField } from '../../roles/dto/roles.dto';

export class CreateApiTokenDto extends createZodDto(
  z.strictObject({
    name: z.string().trim().min(1, 'required').max(API_TOKEN_LIMITS.nameLength),
    // A workspace's permissions only: `platform:*` is no option.
    permissions: z
      .array(permissionField)
      .min(1, 'at least one permission')
      .max(PERMISSIONS.length)
      .transform((list) => [...new Set(list)].sort()),
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((at) => new Date(at).getTime() > Date.now(), 'must be in the future')
      .transform((at) => new Date(at))
      .nullable()
      .optional(),
  }),
) {}
