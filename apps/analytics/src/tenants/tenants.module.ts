import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TenantEventsController } from './tenant-events.controller';
import { TenantSummariesRepository } from './tenant-summaries.repository';
import { TenantSummary, TenantSummarySchema } from './tenant-summary.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: TenantSummary.name, schema: TenantSummarySchema }])],
  controllers: [TenantEventsController],
  providers: [TenantSummariesRepository],
  exports: [TenantSummariesRepository],
})
export class AnalyticsTenantsModule {}
