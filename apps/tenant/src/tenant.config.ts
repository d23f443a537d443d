import {
  commaList,
  kafkaFragment,
  mongoFragment,
  notificationSealFragment,
  parleyKey,
  providerSecret,
  publicUrlFragment,
  redisFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

export const tenantConfigSchema = z
  .object({
    ...serviceFragment(3001),
    ...mongoFragment('parley_tenant'),
    ...kafkaFragment('tenant'),
    ...redisFragment(),
    ...publicUrlFragment(),
    ...notificationSealFragment(),
    JWT_ISSUER: tokenVerificationFragment().JWT_ISSUER,
    JWT_AUDIENCE: tokenVerificationFragment().JWT_AUDIENCE,
    /** PEM (PKCS#8) EC P-256 private key; without it a development run makes a throw-away one. */
    JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    OIDC_ISSUER_URL: optionalUrl,
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: providerSecret(),
    /** Seals the Google sign-in flow's cookie (state, nonce, PKCE verifier); tenant's alone. */
    OIDC_FLOW_SEAL_KEY: parleyKey('parley-local-development-oidc-flow-key-change-me'),
    /** Ids of the users who operate the platform: their tokens carry `platform:operate`. */
    PLATFORM_OPERATORS: commaList(z.string().min(1).max(64)).default([]),
  })
  .refine((config) => config.NODE_ENV !== 'production' || config.JWT_PRIVATE_KEY_FILE, {
    path: ['JWT_PRIVATE_KEY_FILE'],
    message: 'required in production (a throw-away key would sign out everyone at each restart)',
  })
  .refine(
    (config) => !config.OIDC_ISSUER_URL || (config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET),
    {
      path: ['OIDC_CLIENT_ID'],
      message: 'OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go with OIDC_ISSUER_URL',
    },
  );

export type TenantConfig = z.infer<typeof tenantConfigSchema>;
