import { type ServiceDefinition } from '@app/platform';
import { integrationsConfigSchema, type IntegrationsConfig } from './integrations.config';
import { IntegrationsModule } from './integrations.module';

export const integrationsService: ServiceDefinition<IntegrationsConfig> = {
  name: 'integrations',
  schema: integrationsConfigSchema,
  rootModule: (config) => IntegrationsModule.register(config),
  batchConsumers: ['webhooks'],
};
