import { type Jsonified } from '@app/contracts';
import { z } from 'zod';
import { type RoleRecord } from '../roles.repository';
import { permissionField } from './roles.dto';

/** The bodies the roles routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const roleAnswer = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(permissionField),
  builtIn: z.enum(['admin', 'agent']).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<RoleRecord>>;

export const rolesAnswer = z.object({ roles: z.array(roleAnswer) });

export const permissionsAnswer = z.object({ permissions: z.array(permissionField) });
