import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { type AnalyticsConfig } from './analytics.config';
import { DirectoryEventsController } from './directory/directory-events.controller';
import { DirectoryRepository } from './directory/directory.repository';
import {
  KnownChatbot,
  KnownChatbotSchema,
  KnownUser,
  KnownUserSchema,
} from './directory/directory.schemas';
import { AnalyticsController } from './queries/analytics.controller';
import { ANALYTICS_QUERIES } from './queries/analytics-queries';
import { LocalQueriesService } from './queries/local-queries.service';
import {
  AgentPresenceState,
  AgentPresenceStateSchema,
  ChatbotActivity,
  ChatbotActivitySchema,
} from './rollups/activity.schema';
import { ActivityRepository } from './rollups/activity.repository';
import { DayRollup, DayRollupSchema } from './rollups/day-rollup.schema';
import { RollupIngestService } from './rollups/rollup-ingest.service';
import { RollupStore } from './rollups/rollup.store';
import { DailyReportsService } from './reports/daily-reports.service';
import { ReportsController } from './reports/reports.controller';
import {
  ReportSubscription,
  ReportSubscriptionSchema,
  UsageReport,
  UsageReportSchema,
} from './reports/usage-report.schema';
import { UsageReportsRepository } from './reports/usage-reports.repository';
import { InfraStatusService } from './status/infra-status.service';
import { StatusController } from './status/status.controller';
import { AnalyticsTenantsModule } from './tenants/tenants.module';
import { TinybirdForwarderService } from './tinybird/tinybird-forwarder.service';
import { TinybirdQueries } from './tinybird/tinybird-queries';

@Module({})
export class AnalyticsModule {
  static register(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        ...serviceModules('analytics', config, jwksAuth(config)),
        AnalyticsTenantsModule,
        MongooseModule.forFeature([
          { name: DayRollup.name, schema: DayRollupSchema },
          { name: AgentPresenceState.name, schema: AgentPresenceStateSchema },
          { name: ChatbotActivity.name, schema: ChatbotActivitySchema },
          { name: KnownChatbot.name, schema: KnownChatbotSchema },
          { name: KnownUser.name, schema: KnownUserSchema },
          { name: UsageReport.name, schema: UsageReportSchema },
          { name: ReportSubscription.name, schema: ReportSubscriptionSchema },
        ]),
      ],
      controllers: [
        DirectoryEventsController,
        AnalyticsController,
        ReportsController,
        StatusController,
      ],
      providers: [
        RollupStore,
        ActivityRepository,
        RollupIngestService,
        DirectoryRepository,
        LocalQueriesService,
        UsageReportsRepository,
        DailyReportsService,
        InfraStatusService,
        TinybirdForwarderService,
        {
          provide: ANALYTICS_QUERIES,
          inject: [LocalQueriesService],
          // Tinybird answers when it is configured; the local rollups are kept either way.
          useFactory: (local: LocalQueriesService) =>
            config.TINYBIRD_TOKEN
              ? new TinybirdQueries({ url: config.TINYBIRD_URL, token: config.TINYBIRD_TOKEN })
              : local,
        },
      ],
    };
  }
}
