import { type ServiceDefinition } from '@app/platform';
import { tenantConfigSchema, type TenantConfig } from './tenant.config';
import { TenantModule } from './tenant.module';

export const tenantService: ServiceDefinition<TenantConfig> = {
  name: 'tenant',
  schema: tenantConfigSchema,
  rootModule: (config) => TenantModule.register(config),
};
