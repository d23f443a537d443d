import { APP_CONFIG } from '@app/config';
import { Module } from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { DirectoryModule } from '../directory/directory.module';
import { RollupsModule } from '../rollups/rollups.module';
import { TinybirdQueries } from '../tinybird/tinybird-queries';
import { ANALYTICS_QUERIES } from './analytics-queries';
import { AnalyticsController } from './analytics.controller';
import { DayCountersReader } from './day-counters.reader';
import { LocalQueriesService } from './local-queries.service';

/** The tenant analytics API, and the queries behind it (`ANALYTICS_QUERIES`) for the reports. */
@Module({
  imports: [RollupsModule, DirectoryModule],
  controllers: [AnalyticsController],
  providers: [
    DayCountersReader,
    LocalQueriesService,
    {
      provide: ANALYTICS_QUERIES,
      inject: [APP_CONFIG, LocalQueriesService],
      // Tinybird answers when it is configured; the local rollups are kept either way.
      useFactory: (config: AnalyticsConfig, local: LocalQueriesService) =>
        config.TINYBIRD_TOKEN
          ? new TinybirdQueries({ url: config.TINYBIRD_URL, token: config.TINYBIRD_TOKEN })
          : local,
    },
  ],
  exports: [ANALYTICS_QUERIES],
})
export class QueriesModule {}
