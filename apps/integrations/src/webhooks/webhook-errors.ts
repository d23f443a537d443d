import { AppHttpError } from '@app/platform';
import { HttpException, NotFoundException } from '@nestjs/common';

/** Errors of the webhook endpoints and their deliveries. */
export const webhookErrors = {
  notFound: () => new NotFoundException('webhook endpoint not found'),
  deliveryNotFound: () => new NotFoundException('delivery not found'),
  tooMany: (limit: number) =>
    new AppHttpError(409, 'limit_reached', `a workspace has at most ${limit} webhook endpoints`),
  /** 400 naming `url`, shaped as a schema's refusal, with its own code. */
  urlNotAllowed: (detail: string) =>
    new HttpException(
      {
        statusCode: 400,
        code: 'url_not_allowed',
        message: `url: ${detail}`,
        errors: [{ field: 'url', message: detail }],
      },
      400,
    ),
  disabled: () =>
    new AppHttpError(409, 'endpoint_disabled', 'the endpoint is disabled: enable it first'),
};
