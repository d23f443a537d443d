import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SlaTargetsModule } from '../sla/sla-targets.module';
import { DirectoryEventsController } from './directory-events.controller';

/** Keeps the directory from the tenant service's events, and acts on what they change. */
@Module({
  imports: [DirectoryModule, RealtimeModule, RoomsModule, SlaTargetsModule],
  controllers: [DirectoryEventsController],
})
export class DirectorySyncModule {}
