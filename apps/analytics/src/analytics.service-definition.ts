import { type ServiceDefinition } from '@app/platform';
import { analyticsConfigSchema, type AnalyticsConfig } from './analytics.config';
import { AnalyticsModule } from './analytics.module';

export const analyticsService: ServiceDefinition<AnalyticsConfig> = {
  name: 'analytics',
  schema: analyticsConfigSchema,
  rootModule: (config) => AnalyticsModule.register(config),
  batchConsumers: ['rollups', 'tinybird'],
};
