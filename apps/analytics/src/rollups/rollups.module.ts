import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  AgentPresenceState,
  AgentPresenceStateSchema,
  ChatbotActivity,
  ChatbotActivitySchema,
} from './activity.schema';
import { ActivityRepository } from './activity.repository';
import { DayRollup, DayRollupSchema } from './day-rollup.schema';
import { DaySummary, DaySummarySchema } from './day-summary.schema';
import { RollupIngestService } from './rollup-ingest.service';
import { RollupStore } from './rollup.store';

const models = MongooseModule.forFeature([
  { name: DayRollup.name, schema: DayRollupSchema },
  { name: DaySummary.name, schema: DaySummarySchema },
  { name: AgentPresenceState.name, schema: AgentPresenceStateSchema },
  { name: ChatbotActivity.name, schema: ChatbotActivitySchema },
]);

/**
 * The rollups, kept from the chat topics: day counters and what is going on now. The day
 * documents and their summaries are exported for the local queries, which read them.
 */
@Module({
  imports: [models],
  providers: [RollupStore, ActivityRepository, RollupIngestService],
  exports: [models, ActivityRepository],
})
export class RollupsModule {}
