import { PERMISSIONS } from '@app/auth';
import { someChange } from '@app/platform';
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
  someChange(z.strictObject({ name: roleName.optional(), permissions: permissionList.optional() })),
) {}
