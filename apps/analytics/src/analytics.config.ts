import {
  commaList,
  providerSecret,
  kafkaFragment,
  mongoFragment,
  publicUrlFragment,
  redisFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

/** `name=url` of a service health endpoint that the status page polls. */
const statusTarget = z
  .string()
  .regex(/^[a-z][a-z0-9-]*=https?:\/\/\S+$/, 'expected name=http(s)://host:port/path');

export const analyticsConfigSchema = z.object({
  ...serviceFragment(3003),
  ...mongoFragment('parley_analytics'),
  ...kafkaFragment('analytics'),
  ...redisFragment(),
  ...tokenVerificationFragment(),
  ...publicUrlFragment(),
  /** Minutes after midnight UTC when yesterday's usage reports are written (late events settle first). */
  ANALYTICS_REPORT_AFTER_MINUTES: z.coerce.number().int().min(0).max(1439).default(30),
  /** How often the report job looks for a day to report. */
  ANALYTICS_REPORT_CHECK_MS: z.coerce.number().int().min(100).default(60_000),
  /** The health endpoints the status page polls. */
  ANALYTICS_STATUS_SERVICES: commaList(statusTarget)
    .default([
      'tenant=http://127.0.0.1:3001/api/tenant/health',
      'chat=http://127.0.0.1:3002/api/chat/health',
      'analytics=http://127.0.0.1:3003/api/analytics/health',
      'email=http://127.0.0.1:3004/api/email/health',
      'integrations=http://127.0.0.1:3005/api/integrations/health',
    ])
    .transform((targets) =>
      targets.map((target) => {
        const [name, ...url] = target.split('=');
        return { name, url: url.join('=') };
      }),
    ),
  /** The consumer groups whose lag the status page shows (the services' default groups). */
  ANALYTICS_STATUS_GROUPS: commaList(z.string().min(1)).default([
    'tenant',
    'chat',
    'email',
    'analytics',
    'analytics-rollups',
    'analytics-tinybird',
    'integrations',
    'integrations-webhooks',
  ]),
  /** Set to also stream every event to Tinybird and answer the analytics API from it. */
  TINYBIRD_TOKEN: providerSecret(),
  TINYBIRD_URL: z
    .string()
    .url()
    .default('https://api.tinybird.co')
    .transform((url) => url.replace(/\/+$/, '')),
});

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
