import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AttachmentsService } from '../attachments/attachments.service';
import { AvailabilityModule } from '../availability/availability.module';
import { BlockingModule } from '../blocking/blocking.module';
import { OfflineMessagesService } from './offline-messages.service';
import { DirectoryModule } from '../directory/directory.module';
import { MessagesModule } from '../messages/messages.module';
import { RoomsModule } from '../rooms/rooms.module';
import { JourneyAnswersService } from './journey-answers.service';
import { PENDING_UPLOADS } from './pending-uploads';
import { VisitorTokensService } from './visitor-tokens.service';
import { WidgetController } from './widget.controller';
import { WidgetRateLimits } from './widget-rate-limits.service';
import { WidgetSessionsService } from './widget-sessions.service';

/** What a widget asks over HTTP: its chatbot's look, and a new session with its room token. */
@Module({
  imports: [
    AttachmentsModule,
    AvailabilityModule,
    BlockingModule,
    DirectoryModule,
    MessagesModule,
    RoomsModule,
  ],
  controllers: [WidgetController],
  providers: [
    JourneyAnswersService,
    OfflineMessagesService,
    { provide: PENDING_UPLOADS, useExisting: AttachmentsService },
    VisitorTokensService,
    WidgetRateLimits,
    WidgetSessionsService,
  ],
  exports: [VisitorTokensService, WidgetSessionsService, WidgetRateLimits],
})
export class WidgetModule {}
