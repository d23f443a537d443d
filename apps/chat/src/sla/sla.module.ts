import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SlaAlertsController } from './sla-alerts.controller';
import { SlaAlerts } from './sla-alerts.service';
import {
  SlaAlertPreferenceEntry,
  SlaAlertPreferenceSchema,
  SlaBreach,
  SlaBreachSchema,
} from './sla-breach.schema';
import { SlaBreachSweep } from './sla-breach-sweep.service';
import { SlaBreachesRepository } from './sla-breaches.repository';
import { SlaBreaches } from './sla-breaches.service';
import { SlaFirstResponse } from './sla-first-response.service';
import { SlaTargetsModule } from './sla-targets.module';

/** SLA deadlines kept: first responses marked, breaches found once, escalated and alerted. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SlaBreach.name, schema: SlaBreachSchema },
      { name: SlaAlertPreferenceEntry.name, schema: SlaAlertPreferenceSchema },
    ]),
    DirectoryModule,
    MessagesModule,
    RealtimeModule,
    RoomsModule,
    SlaTargetsModule,
  ],
  controllers: [SlaAlertsController],
  providers: [SlaAlerts, SlaBreachSweep, SlaBreachesRepository, SlaBreaches, SlaFirstResponse],
})
export class SlaModule {}
