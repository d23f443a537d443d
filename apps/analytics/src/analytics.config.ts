import { kafkaFragment, mongoFragment, serviceFragment } from '@app/config';
import { z } from 'zod';

export const analyticsConfigSchema = z.object({
  ...serviceFragment(3003),
  ...mongoFragment('parley_analytics'),
  ...kafkaFragment('analytics'),
});

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
