import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { QueriesModule } from '../queries/queries.module';
import { AnalyticsTenantsModule } from '../tenants/tenants.module';
import { DailyReportsService } from './daily-reports.service';
import { ReportsController } from './reports.controller';
import {
  ReportSubscription,
  ReportSubscriptionSchema,
  UsageReport,
  UsageReportSchema,
} from './usage-report.schema';
import { UsageReportsRepository } from './usage-reports.repository';

/** The daily usage reports: written and emailed by a job, read and subscribed to by the API. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: UsageReport.name, schema: UsageReportSchema },
      { name: ReportSubscription.name, schema: ReportSubscriptionSchema },
    ]),
    QueriesModule,
    DirectoryModule,
    AnalyticsTenantsModule,
  ],
  controllers: [ReportsController],
  providers: [UsageReportsRepository, DailyReportsService],
})
export class ReportsModule {}
