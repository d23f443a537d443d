import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CsatLinksModule } from '../csat/csat-links.module';
import { DirectoryModule } from '../directory/directory.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ChatNotificationsService } from './chat-notifications.service';
import { Message, MessageSchema } from './message.schema';
import { MessageSentEvents } from './message-sent-events';
import { MessageSeqAllocator } from './message-seq.allocator';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/** The message path, replay and history, and the emails a conversation sends. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Message.name, schema: MessageSchema }]),
    AttachmentsModule,
    CsatLinksModule,
    DirectoryModule,
    RealtimeModule,
  ],
  providers: [
    MessagesRepository,
    MessageSeqAllocator,
    MessageSentEvents,
    MessagesService,
    ChatNotificationsService,
  ],
  exports: [
    AttachmentsModule,
    MessagesRepository,
    MessagesService,
    MessageSeqAllocator,
    MessageSentEvents,
    ChatNotificationsService,
  ],
})
export class MessagesModule {}
