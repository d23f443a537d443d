import { type Jsonified, tenantSettingsSchema } from '@app/contracts';
import { z } from 'zod';
import { type TenantRecord } from '../tenants.repository';

/** The body the settings routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const settingsAnswer = tenantSettingsSchema.extend({
  id: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<TenantRecord>>;
