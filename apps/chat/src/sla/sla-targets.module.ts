import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { SlaClock } from './sla-clock.service';
import { SlaPoliciesRepository } from './sla-policies.repository';
import { SlaPolicyEntry, SlaPolicyEntrySchema } from './sla-policy-entry.schema';

/** The tenant's SLA policies as chat knows them, and the deadlines they give rooms. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SlaPolicyEntry.name, schema: SlaPolicyEntrySchema }]),
    DirectoryModule,
  ],
  providers: [SlaPoliciesRepository, SlaClock],
  exports: [SlaPoliciesRepository, SlaClock],
})
export class SlaTargetsModule {}
