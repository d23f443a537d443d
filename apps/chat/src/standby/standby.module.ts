import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StandbyService } from './standby.service';

@Module({
  imports: [RoomsModule, RealtimeModule],
  providers: [StandbyService],
  exports: [StandbyService],
})
export class StandbyModule {}
