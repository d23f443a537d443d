import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { WidgetModule } from '../widget/widget.module';
import { ConversationService } from './conversation.service';
import { PresenceSignals } from './presence-signals.service';

/** What visitors and agents say in a room: messages, typing and read receipts. */
@Module({
  imports: [MessagesModule, RealtimeModule, RoomsModule, WidgetModule],
  providers: [ConversationService, PresenceSignals],
  exports: [ConversationService, PresenceSignals],
})
export class ConversationsModule {}
