import {
  AllowVisitors,
  CurrentPrincipal,
  CurrentVisitor,
  type Principal,
  Public,
  RequirePermissions,
  type VisitorPrincipal,
} from '@app/auth';
import { isImageType, type MessageAttachment, type UploadedAttachment } from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { forTenant } from '@app/tenancy';
import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { chatErrors } from '../chat-errors';
import { agentSender, visitorSender } from '../realtime/rate-sender';
import { SenderLimits } from '../realtime/sender-limits.service';
import { RoomsService } from '../rooms/rooms.service';
import { attachmentErrors } from './attachment-errors';
import { AttachmentLinks, type LinkVariant } from './attachment-links';
import { type Uploader } from './attachment.schema';
import {
  messageAttachmentAnswer,
  UPLOAD_ERRORS,
  uploadBody,
  uploadedAttachmentAnswer,
} from './attachments.answers';
import { AttachmentsService } from './attachments.service';
import { ObjectStore } from './object-store';
import { SingleFileUpload } from './single-file-upload.interceptor';

class LinkQuery extends createZodDto(
  z.strictObject({
    tenant: z.string().min(1).max(64),
    expires: z.string().regex(/^\d{1,12}$/, 'a unix time'),
    signature: z.string().min(1).max(128),
  }),
) {}

/** Uploads to a room, fresh links to a room's file, and the downloads behind the links. */
@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly rooms: RoomsService,
    private readonly links: AttachmentLinks,
    private readonly store: ObjectStore,
    private readonly limits: SenderLimits,
  ) {}

  /**
   * Uploads a file to a room, for a message to carry (`message:send` with `attachmentIds`). By
   * the room's visitor (visitor token) or the tenant's agents; multipart, field `file`.
   */
  @RequirePermissions('chats:join')
  @AllowVisitors()
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody())
  @ApiErrors({ ...UPLOAD_ERRORS, 409: '`room_closed`: the conversation is closed.' })
  @ApiAnswer(201, uploadedAttachmentAnswer)
  @UseInterceptors(SingleFileUpload)
  @Post('rooms/:id/attachments')
  async upload(
    @Param('id') roomId: string,
    @UploadedFile() file: Express.Multer.File,
    @CurrentVisitor() visitor: VisitorPrincipal | undefined,
    @CurrentPrincipal() agent: Principal,
  ): Promise<UploadedAttachment> {
    if (visitor && visitor.roomId !== roomId) throw chatErrors.roomNotFound();
    await this.limits.consume('upload', visitor ? visitorSender(visitor) : agentSender(agent));
    const room = await this.rooms.get(roomId);
    if (room.status === 'closed') throw chatErrors.roomClosed();
    const uploader: Uploader = visitor
      ? { type: 'visitor', id: visitor.visitorId }
      : { type: 'agent', id: agent.userId };
    return this.attachments.upload(
      { roomId, uploader },
      { buffer: file.buffer, originalName: file.originalname, declaredType: file.mimetype },
    );
  }

  /** A room's file with fresh links, for a client whose links expired. */
  @RequirePermissions('chats:join')
  @AllowVisitors()
  @ApiBearerAuth()
  @ApiAnswer(200, messageAttachmentAnswer)
  @Get('rooms/:id/attachments/:attachmentId')
  async describe(
    @Param('id') roomId: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentVisitor() visitor: VisitorPrincipal | undefined,
  ): Promise<MessageAttachment> {
    if (visitor && visitor.roomId !== roomId) throw chatErrors.roomNotFound();
    await this.rooms.get(roomId);
    return this.attachments.described(roomId, attachmentId);
  }

  /**
   * A file, by the signed link a message, the history or a transcript gave. Images are shown
   * inline; everything else downloads (`Content-Disposition: attachment`), never sniffed.
   */
  @Public()
  @ApiResponse({
    status: 200,
    description: 'The file’s bytes, with its content type.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({
    403: '`link_expired`: the link expired or its signature is not valid.',
    503: UPLOAD_ERRORS[503],
  })
  @Get('attachments/:id/content')
  content(
    @Param('id') id: string,
    @Query() query: LinkQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.download(id, 'content', query, response);
  }

  /** An image's small version (at most 320 px), by the signed link a message gave. */
  @Public()
  @ApiResponse({
    status: 200,
    description: 'The thumbnail (WebP).',
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({
    403: '`link_expired`: the link expired or its signature is not valid.',
    503: UPLOAD_ERRORS[503],
  })
  @Get('attachments/:id/thumbnail')
  thumbnail(
    @Param('id') id: string,
    @Query() query: LinkQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.download(id, 'thumbnail', query, response);
  }

  private async download(
    id: string,
    variant: LinkVariant,
    query: LinkQuery,
    response: Response,
  ): Promise<StreamableFile> {
    if (!this.links.verify(id, variant, query)) throw attachmentErrors.badLink();
    return forTenant(query.tenant, 'a signed attachment link names its tenant', async () => {
      const attachment = await this.attachments.find(id);
      const key = variant === 'thumbnail' ? attachment?.thumbnailKey : attachment?.objectKey;
      if (!attachment || !key) throw attachmentErrors.notFound();
      const object = await this.store.get(key);
      if (!object) throw attachmentErrors.notFound();
      const image = isImageType(attachment.contentType);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cache-Control', 'private, max-age=300');
      // A file that is not an image never runs as a page of Parley's origin, even if opened.
      if (!image) response.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
      return new StreamableFile(object.body, {
        type: variant === 'thumbnail' ? 'image/webp' : attachment.contentType,
        disposition: contentDisposition(image ? 'inline' : 'attachment', attachment.name),
        ...(object.contentLength !== undefined ? { length: object.contentLength } : {}),
      });
    });
  }
}

/** `inline` or `attachment` with the name in ASCII and in UTF-8 (RFC 6266 / 5987). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
