import {
  kafkaFragment,
  mongoFragment,
  parleyKey,
  publicUrlFragment,
  redisFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const HOUR_MS = 60 * 60 * 1000;

/** A comma-separated list that may be empty (`''` or unset: no entries). */
const optionalList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const cidr = z.string().refine((value) => {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}, 'expected CIDR ranges such as 127.0.0.0/8 or ::1/128');

const nameToAddress = z
  .string()
  .regex(/^[A-Za-z0-9.-]+=[0-9A-Fa-f.:]+$/, 'expected name=address')
  .refine((entry) => ipaddr.isValid(entry.split('=')[1]), 'expected name=address');

const milliseconds = (min: number) => z.coerce.number().int().min(min);

const httpBaseUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** Waits between attempts, comma-separated (ms): one retry after each. */
const retryDelays = (defaults: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected milliseconds, comma-separated, e.g. 5000,10000,20000')
    .default(defaults)
    .transform((value) => value.split(',').map(Number));

export const integrationsConfigSchema = z
  .object({
    ...serviceFragment(3005),
    ...mongoFragment('parley_integrations'),
    ...kafkaFragment('integrations'),
    ...redisFragment(),
    ...tokenVerificationFragment(),
    ...publicUrlFragment(),
    /** Seals the webhook endpoints' signing secrets in the database. */
    WEBHOOK_SECRET_SEAL_KEY: parleyKey('parley-local-development-webhook-seal-key-change-me'),
    /**
     * Networks webhook URLs may reach although they are not public (private, loopback...): none
     * by default. `npm start` allows loopback, so a receiver on the same machine works.
     */
    WEBHOOK_ALLOWED_NETWORKS: optionalList(cidr).transform((ranges: string[]) =>
      ranges.map((range) => ipaddr.parseCIDR(range)),
    ),
    /** Tests only: `name=address` answers that stand in for DNS (refused in any other run). */
    WEBHOOK_DNS_OVERRIDES: optionalList(nameToAddress).transform(
      (entries: string[]) =>
        new Map(
          entries.map((entry) => {
            const [name, address] = entry.split('=');
            return [name.toLowerCase(), address] as const;
          }),
        ),
    ),
    /** Longest wait for a receiver's answer, connection included. */
    WEBHOOK_TIMEOUT_MS: milliseconds(100).default(10_000),
    /** Backoff between attempts: full jitter under `base * 2^(attempt-1)`, capped. */
    WEBHOOK_RETRY_BASE_MS: milliseconds(10).default(5_000),
    WEBHOOK_RETRY_MAX_MS: milliseconds(10).default(HOUR_MS),
    /** A delivery is retried this long after its event; then it is failed for good. */
    WEBHOOK_RETRY_WINDOW_MS: milliseconds(100).default(24 * HOUR_MS),
    /** An endpoint whose every delivery failed this long is disabled and its admins emailed. */
    WEBHOOK_DISABLE_AFTER_MS: milliseconds(100).default(24 * HOUR_MS),
    /** How long after a rotation deliveries are also signed with the previous secret. */
    WEBHOOK_ROTATION_OVERLAP_MS: milliseconds(0).default(24 * HOUR_MS),
    /** How often each replica looks for deliveries whose retry is due. */
    WEBHOOK_SWEEP_MS: milliseconds(50).default(1_000),
    /**
     * How often each replica searches the database for pending deliveries long overdue, to put
     * back into Redis's index those it lost (a crash between the two writes, or a Redis flushed).
     */
    WEBHOOK_RECONCILE_MS: milliseconds(100).default(600_000),
    /**
     * How long the delivery log keeps a delivered or failed delivery (30 days); older ones are
     * deleted at each reconciliation. Pending ones are kept until they settle.
     */
    WEBHOOK_DELIVERY_RETENTION_MS: milliseconds(1000).default(30 * 24 * HOUR_MS),
    WEBHOOK_ENDPOINTS_PER_TENANT: z.coerce.number().int().min(1).max(1000).default(20),
    /** Trustpilot's OAuth host (tokens); a test run points it at the local stand-in. */
    TRUSTPILOT_API_URL: httpBaseUrl.default('https://api.trustpilot.com'),
    /** Trustpilot's Invitations API host. */
    TRUSTPILOT_INVITATIONS_API_URL: httpBaseUrl.default('https://invitations-api.trustpilot.com'),
    /** Seals tenants' Trustpilot API keys and secrets in the database (and tokens in Redis). */
    TRUSTPILOT_CREDENTIALS_SEAL_KEY: parleyKey(
      'parley-local-development-trustpilot-seal-key-change-me',
    ),
    /** Longest wait for one Trustpilot answer, connection included. */
    TRUSTPILOT_TIMEOUT_MS: milliseconds(100).default(10_000),
    /** After a failed attempt, the next one waits this long; after the last, the invitation is parked. */
    TRUSTPILOT_RETRY_DELAYS_MS: retryDelays('5000,10000,20000'),
    /** With the rating switch on: how long after the close a rating may come before it is skipped. */
    TRUSTPILOT_RATING_WAIT_MS: milliseconds(100).default(7 * 24 * HOUR_MS),
    /** The visitor's name and email are kept for an open conversation at most this long. */
    TRUSTPILOT_VISITOR_RETENTION_MS: milliseconds(1000).default(30 * 24 * HOUR_MS),
    /** How often each replica looks for invitations due (retries, ratings waited for). */
    TRUSTPILOT_SWEEP_MS: milliseconds(50).default(1_000),
  })
  .superRefine((config, context) => {
    if (config.WEBHOOK_DNS_OVERRIDES.size > 0 && config.NODE_ENV !== 'test')
      context.addIssue({
        code: 'custom',
        path: ['WEBHOOK_DNS_OVERRIDES'],
        message: 'honoured only when NODE_ENV=test',
      });
  });

export type IntegrationsConfig = z.infer<typeof integrationsConfigSchema>;
