import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { WidgetModule } from '../widget/widget.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsModule } from './attachments.module';
import { SingleFileUpload } from './single-file-upload.interceptor';
import { WidgetAttachmentsController } from './widget-attachments.controller';

/** The attachment routes: uploads to a room or before one (the widget), and downloads. */
@Module({
  imports: [AttachmentsModule, RealtimeModule, RoomsModule, WidgetModule],
  controllers: [AttachmentsController, WidgetAttachmentsController],
  providers: [SingleFileUpload],
})
export class AttachmentRoutesModule {}
