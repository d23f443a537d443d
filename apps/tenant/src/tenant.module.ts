import { serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { type TenantConfig } from './tenant.config';
import { TenantsModule } from './tenants/tenants.module';

@Module({})
export class TenantModule {
  static register(config: TenantConfig): DynamicModule {
    return { module: TenantModule, imports: [...serviceModules('tenant', config), TenantsModule] };
  }
}
