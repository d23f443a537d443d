import { type Jsonified } from '@app/contracts';
import { z } from 'zod';
import { type SignedIn, type SignUpStarted } from '../auth.service';
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

export const signUpStartedAnswer = z.object({
  verification: z
    .literal('email_sent')
    .describe('A link is mailed to the address; sign-in works once it is followed.'),
  user: userSummary.omit({ roles: true }),
  tenant: tenantSummary,
}) satisfies z.ZodType<Jsonified<SignUpStarted>>;

export const meAnswer = z.object({
  user: userSummary.extend({ permissions: z.array(z.string()) }),
  tenant: tenantSummary,
});

/** An answer that is the same whatever the address (resets, new verification links). */
export const passwordResetAnswer = z.object({ status: z.string() });
