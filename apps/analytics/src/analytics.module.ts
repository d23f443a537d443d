import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { type AnalyticsConfig } from './analytics.config';
import { DirectoryModule } from './directory/directory.module';
import { QueriesModule } from './queries/queries.module';
import { ReportsModule } from './reports/reports.module';
import { RollupsModule } from './rollups/rollups.module';
import { StatusModule } from './status/status.module';
import { AnalyticsTenantsModule } from './tenants/tenants.module';
import { TinybirdModule } from './tinybird/tinybird.module';

@Module({})
export class AnalyticsModule {
  static register(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        ...serviceModules('analytics', config, jwksAuth(config)),
        AnalyticsTenantsModule,
        DirectoryModule,
        RollupsModule,
        QueriesModule,
        ReportsModule,
        StatusModule,
        TinybirdModule,
      ],
    };
  }
}
