import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StandbyService } from './standby.service';

@Module({
  imports: [ConversationsModule, MessagesModule, RoomsModule, RealtimeModule],
  providers: [StandbyService],
  exports: [StandbyService],
})
export class StandbyModule {}
