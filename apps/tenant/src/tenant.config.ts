import { kafkaFragment, mongoFragment, serviceFragment } from '@app/config';
import { z } from 'zod';

export const tenantConfigSchema = z.object({
  ...serviceFragment(3001),
  ...mongoFragment('parley_tenant'),
  ...kafkaFragment('tenant'),
});

export type TenantConfig = z.infer<typeof tenantConfigSchema>;
