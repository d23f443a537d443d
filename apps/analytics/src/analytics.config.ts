import {
  kafkaFragment,
  mongoFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

export const analyticsConfigSchema = z.object({
  ...serviceFragment(3003),
  ...mongoFragment('parley_analytics'),
  ...kafkaFragment('analytics'),
  ...tokenVerificationFragment(),
});

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
