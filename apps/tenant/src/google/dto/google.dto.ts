import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const startFields = {
  /** `signup` creates a tenant for an unknown Google account; `login` (default) refuses it. */
  mode: z.enum(['login', 'signup']).default('login'),
  tenantName: z.string().trim().min(1).max(120).optional(),
  /** Passed to the provider to preselect an account. */
  login_hint: z.email().max(254).optional(),
};

export class GoogleStartQuery extends createZodDto(z.strictObject(startFields)) {}

/** The same as a body, which can carry an invitation's token (never in a URL, which is logged). */
export class GoogleStartDto extends createZodDto(
  z.strictObject({ ...startFields, invitationToken: z.string().min(10).max(200).optional() }),
) {}

export class GoogleLinkDto extends createZodDto(
  z.strictObject({ code: z.string().min(20).max(200), password: z.string().min(1).max(1024) }),
) {}

export class GoogleExchangeDto extends createZodDto(
  z.strictObject({ code: z.string().min(20).max(200) }),
) {}
