import { Module } from '@nestjs/common';
import { BlockingModule } from '../blocking/blocking.module';
import { MessagesModule } from '../messages/messages.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StandbyModule } from '../standby/standby.module';
import { WidgetModule } from '../widget/widget.module';
import { VisitorSessions } from './visitor-sessions.service';

@Module({
  imports: [BlockingModule, MessagesModule, RoomsModule, StandbyModule, WidgetModule],
  providers: [VisitorSessions],
  exports: [VisitorSessions],
})
export class VisitorsModule {}
