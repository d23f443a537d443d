import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { SlaClock } from './sla-clock.service';
import { SlaDeadlineIndex } from './sla-deadline-index';
import { SlaPoliciesRepository } from './sla-policies.repository';
import { SlaPolicyEntry, SlaPolicyEntrySchema } from './sla-policy-entry.schema';

/** The tenant's SLA policies as chat knows them, the deadlines they give rooms, and their index. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SlaPolicyEntry.name, schema: SlaPolicyEntrySchema }]),
    DirectoryModule,
  ],
  providers: [SlaPoliciesRepository, SlaClock, SlaDeadlineIndex],
  exports: [SlaPoliciesRepository, SlaClock, SlaDeadlineIndex],
})
export class SlaTargetsModule {}
