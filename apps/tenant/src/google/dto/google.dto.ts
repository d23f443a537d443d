import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class GoogleStartQuery extends createZodDto(
  z.strictObject({
    /** `signup` creates a tenant for an unknown Google account; `login` (default) refuses it. */
    mode: z.enum(['login', 'signup']).default('login'),
    tenantName: z.string().trim().min(1).max(120).optional(),
    /** Passed to the provider to preselect an account. */
    login_hint: z.email().max(254).optional(),
  }),
) {}

export class GoogleExchangeDto extends createZodDto(
  z.strictObject({ code: z.string().min(20).max(200) }),
) {}
