import { PERMISSIONS } from '@app/auth';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const permissionField = z.enum(PERMISSIONS);
const roleName = z.string().trim().min(1, 'required').max(60);
const permissionList = z
  .array(permissionField)
  .max(PERMISSIONS.length)
  .transform((list) => [...new Set(list)]);

export class CreateRoleDto extends createZodDto(
  z.strictObject({ name: roleName, permissions: permissionList.default([]) }),
) {}

export class UpdateRoleDto extends createZodDto(
  z
    .strictObject({ name: roleName.optional(), permissions: permissionList.optional() })
    .refine((body) => Object.keys(body).length > 0, 'nothing to change'),
) {}
