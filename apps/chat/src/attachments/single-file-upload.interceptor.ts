import { InjectConfig } from '@app/config';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { type Request, type RequestHandler, type Response } from 'express';
import multer, { MulterError } from 'multer';
import { type Observable } from 'rxjs';
import { type ChatConfig } from '../chat.config';
import { chatErrors } from '../chat-errors';
import { attachmentErrors } from './attachment-errors';

/** Text fields a multipart upload may carry besides the file (the widget's credentials). */
const MAX_FIELDS = 5;

/**
 * Reads one multipart file, field `file`, into memory, stopping at ATTACHMENT_MAX_BYTES: a
 * larger one is refused with 413 `file_too_large` and nothing of it is kept. Runs after the
 * guard, so nobody unauthenticated gets a body read.
 */
@Injectable()
export class SingleFileUpload implements NestInterceptor {
  private readonly parse: RequestHandler;

  constructor(@InjectConfig() private readonly config: ChatConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      // Browsers send the file's name in UTF-8 without saying so; multer's default is latin1.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.ATTACHMENT_MAX_BYTES,
        files: 1,
        fields: MAX_FIELDS,
        parts: MAX_FIELDS + 1,
        fieldSize: 4096,
      },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) =>
      this.parse(request, http.getResponse<Response>(), (error: unknown) =>
        error ? reject(this.refusal(error)) : resolve(),
      ),
    );
    if (!request.file) throw attachmentErrors.noFile();
    return next.handle();
  }

  private refusal(error: unknown): Error {
    if (!(error instanceof MulterError))
      return chatErrors.invalid('file: not a readable multipart body');
    if (error.code === 'LIMIT_FILE_SIZE')
      return attachmentErrors.tooLarge(this.config.ATTACHMENT_MAX_BYTES);
    if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT')
      return chatErrors.invalid('file: send one file, in the field `file`');
    return chatErrors.invalid(`file: ${error.message}`);
  }
}
