import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { type AnalyticsConfig } from './analytics.config';
import { AnalyticsTenantsModule } from './tenants/tenants.module';

@Module({})
export class AnalyticsModule {
  static register(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [...serviceModules('analytics', config, jwksAuth(config)), AnalyticsTenantsModule],
    };
  }
}
