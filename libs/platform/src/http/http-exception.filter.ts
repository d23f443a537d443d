import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Response } from 'express';
import { type Observable, throwError } from 'rxjs';
import { ZodValidationException } from 'nestjs-zod';
import { randomUUID } from 'node:crypto';
import { type ZodError } from 'zod';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errorId?: string;
  errors?: { field: string; message: string }[];
  /** What the client needs to recover, for the few errors that carry it (e.g. `journey_changed`). */
  details?: Record<string, unknown>;
}

/** An HTTP error with a stable machine-readable code, thrown by the feature modules. */
export class AppHttpError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super({ statusCode: status, code, message, ...(details && { details }) }, status);
  }
}

export type FieldError = NonNullable<ErrorBody['errors']>[number];

/**
 * 400 `validation_failed` for fields only a service can judge (an id that names nothing of the
 * tenant's), shaped as a schema's refusals are: `errors` names each field.
 */
export class InvalidFieldsError extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super(
      {
        statusCode: 400,
        code: 'validation_failed',
        message: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
        errors,
      },
      400,
    );
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
};

/**
 * One error shape for every HTTP answer: `{ statusCode, code, message }`, field errors for bad
 * input, and an `errorId` on 500s that matches the logged stack trace.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers share the app's filters (inheritAppConfig); their errors are the consumer's.
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    const retryAfter = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (body.statusCode === 429 && retryAfter)
      response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ZodValidationException) {
      const errors = fieldErrors(exception.getZodError() as ZodError);
      return {
        statusCode: 400,
        code: 'validation_failed',
        message: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
        errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const answer = exception.getResponse();
      const detail =
        typeof answer === 'object' && answer !== null ? (answer as Partial<ErrorBody>) : {};
      return {
        statusCode: status,
        code: detail.code ?? CODE_BY_STATUS[status] ?? 'error',
        message: typeof detail.message === 'string' ? detail.message : exception.message,
        ...(detail.errors && { errors: detail.errors }),
        ...(detail.details && { details: detail.details }),
      };
    }
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}: ${(exception as Error)?.stack ?? exception}`);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      message: 'internal error',
      errorId,
    };
  }
}

function fieldErrors(error: ZodError): { field: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // An unknown field is named itself, not as the object holding it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'unknown field' }));
    }
    return [{ field: at.join('.') || '(body)', message: issue.message }];
  });
}
