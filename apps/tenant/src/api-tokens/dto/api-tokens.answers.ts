import { PERMISSIONS } from '@app/auth';
import {
  type ApiTokenUse,
  type ApiTokenView,
  type CreatedApiToken,
  type Jsonified,
} from '@app/contracts';
import { z } from 'zod';

/** The bodies the API-token routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const apiTokenAnswer = z.object({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string().describe('The token’s first characters, to tell tokens apart.'),
  permissions: z.array(z.enum(PERMISSIONS)),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable().describe('Null: the token never expires.'),
  lastUsedAt: z.iso.datetime().nullable(),
}) satisfies z.ZodType<Jsonified<ApiTokenView>>;

export const createdApiTokenAnswer = apiTokenAnswer.extend({
  token: z.string().describe('`prl_` and 43 characters: shown in this answer only, never again.'),
}) satisfies z.ZodType<Jsonified<CreatedApiToken>>;

export const apiTokensAnswer = z.object({ apiTokens: z.array(apiTokenAnswer) });

export const apiTokenUsageAnswer = z.object({
  uses: z
    .array(
      z.object({
        at: z.iso.datetime(),
        service: z.string().describe('tenant, chat, analytics or email'),
        method: z.string(),
        path: z.string().describe('Without the query string.'),
        status: z.number().int().optional(),
        ip: z.string(),
      }) satisfies z.ZodType<ApiTokenUse>,
    )
    .describe('The latest uses (at most 100), newest first.'),
});
