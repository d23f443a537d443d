import { z } from 'zod';
import { defineEvent } from '../define-event';

/** A company signed up. Analytics counts it; chat and email learn the tenant's name from it. */
export const TenantCreatedV1 = defineEvent({
  type: 'tenant.tenant.created',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({
    tenantId: z.string().min(1),
    name: z.string().min(1).max(120),
    createdAt: z.iso.datetime(),
  }),
});
