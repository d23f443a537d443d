import { type Jsonified } from '@app/contracts';
import { z } from 'zod';
import { type SignedIn } from '../auth.service';
import { type TokenPair } from '../../tokens/sessions.service';

/** The bodies the auth routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const tokenPairAnswer = z.object({
  accessToken: z.string().describe('Bearer token for every service, short-lived.'),
  refreshToken: z.string().describe('For `POST /auth/refresh`, once; then use the new one.'),
}) satisfies z.ZodType<Jsonified<TokenPair>>;

const userSummary = z.object({
  id: z.string(),
  email: z.email(),
  name: z.string(),
  roles: z.array(z.string()),
});
const tenantSummary = z.object({ id: z.string(), name: z.string() });

export const signedInAnswer = tokenPairAnswer.extend({
  user: userSummary,
  tenant: tenantSummary,
}) satisfies z.ZodType<Jsonified<SignedIn>>;

export const meAnswer = z.object({
  user: userSummary.extend({ permissions: z.array(z.string()) }),
  tenant: tenantSummary,
});

export const passwordResetAnswer = z.object({ status: z.string() });
