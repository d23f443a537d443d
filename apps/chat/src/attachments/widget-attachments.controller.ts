import { Public } from '@app/auth';
import { type UploadedAttachment } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { forTenant } from '@app/tenancy';
import { Body, Controller, Headers, Ip, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { WidgetConfigDto } from '../widget/widget-session.dto';
import { WidgetRateLimits } from '../widget/widget-rate-limits.service';
import { WidgetSessionsService } from '../widget/widget-sessions.service';
import { UPLOAD_ERRORS, uploadBody, uploadedAttachmentAnswer } from './attachments.answers';
import { AttachmentsService } from './attachments.service';
import { SingleFileUpload } from './single-file-upload.interceptor';

const credential = (description: string) => ({ type: 'string' as const, description });

/**
 * Uploads before a conversation exists (a journey's image question): with the chatbot's key,
 * as the widget's session call. The file waits, pending, for the session that names it
 * (ATTACHMENT_PENDING_TTL_SECONDS), then is deleted.
 */
@ApiTags('widget')
@Controller('widget')
export class WidgetAttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly sessions: WidgetSessionsService,
    private readonly limits: WidgetRateLimits,
  ) {}

  @Public()
  @ApiConsumes('multipart/form-data')
  @ApiBody(
    uploadBody({
      tenantId: credential('The chatbot’s tenant.'),
      chatbotId: credential('The chatbot.'),
      apiKey: credential('The chatbot’s public API key.'),
    }),
  )
  @ApiErrors({
    ...UPLOAD_ERRORS,
    401: '`invalid_api_key`: unknown chatbot or API key.',
    403: '`origin_not_allowed`: this site may not use this chatbot.',
  })
  @ApiAnswer(201, uploadedAttachmentAnswer)
  @UseInterceptors(SingleFileUpload)
  @Post('attachments')
  async upload(
    @Body() credentials: WidgetConfigDto,
    @UploadedFile() file: Express.Multer.File,
    @Headers('origin') origin: string | undefined,
    @Ip() ip: string,
  ): Promise<UploadedAttachment> {
    await this.limits.uploadByAddress(credentials.tenantId, ip);
    return forTenant(credentials.tenantId, 'a widget names its chatbot’s tenant', async () => {
      const chatbot = await this.sessions.authorizedChatbot(credentials, origin);
      return this.attachments.upload(
        { chatbotId: chatbot.id, uploader: { type: 'visitor', id: chatbot.id } },
        { buffer: file.buffer, originalName: file.originalname, declaredType: file.mimetype },
      );
    });
  }
}
