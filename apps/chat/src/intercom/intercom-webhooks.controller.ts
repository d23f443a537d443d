import { Public } from '@app/auth';
import { ApiAnswer, ApiErrors, AppHttpError } from '@app/platform';
import { forTenant } from '@app/tenancy';
import {
  Controller,
  Head,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  type RawBodyRequest,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { webhookReceivedAnswer } from './dto/intercom.answers';
import { conversationSchema, notificationSchema } from './intercom-api.schemas';
import { IntercomConnectionsRepository } from './intercom-connections.repository';
import { IntercomCredentials } from './intercom-credentials';
import { intercomErrors } from './intercom-errors';
import { IntercomInbound } from './intercom-inbound.service';
import { isIntercomSignatureValid } from './intercom-signature';

/** The path (under `/api/chat`) whose bodies are kept raw, for the signature. */
export const INTERCOM_WEBHOOK_PATH = /^\/api\/chat\/integrations\/intercom\/webhooks\//;

/**
 * Intercom's notifications for one workspace, public: each must be signed with the workspace's
 * client secret (`X-Hub-Signature`, over the raw body), else 401 and nothing changes. Another
 * workspace's path checks with that workspace's secret, so no tenant can speak for another.
 */
@ApiTags('intercom')
@Public()
@Controller('integrations/intercom/webhooks')
export class IntercomWebhooksController {
  private readonly logger = new Logger(IntercomWebhooksController.name);

  constructor(
    private readonly connections: IntercomConnectionsRepository,
    private readonly credentials: IntercomCredentials,
    private readonly inbound: IntercomInbound,
  ) {}

  /** Intercom checks the address with a HEAD when it is saved (documented in docs/api.md). */
  @ApiExcludeEndpoint()
  @Head(':tenantId')
  @HttpCode(200)
  check(): void {}

  @ApiBody({
    description:
      'An Intercom notification (`notification_event`): `conversation.admin.replied`, `conversation.admin.closed`, `ping`…',
    schema: { type: 'object' },
  })
  @ApiErrors({
    401: '`invalid_signature`: no `X-Hub-Signature`, or not the HMAC-SHA1 of the body under the workspace’s client secret (or the workspace has not connected Intercom).',
    503: '`try_again`: the notification could not be applied now; Intercom sends it again.',
  })
  @ApiAnswer(200, webhookReceivedAnswer, 'Received (applied, or not of interest).')
  @Post(':tenantId')
  @HttpCode(200)
  receive(
    @Param('tenantId') tenantId: string,
    @Headers('x-hub-signature') signature: string | undefined,
    @Req() request: RawBodyRequest<Request>,
  ): Promise<{ received: true }> {
    return forTenant(tenantId, 'an Intercom webhook names its workspace in its path', async () => {
      const connection = await this.connections.find();
      const rawBody = request.rawBody ?? Buffer.alloc(0);
      if (
        !connection ||
        !isIntercomSignatureValid(
          rawBody,
          signature,
          this.credentials.open(connection.clientSecretSealed),
        )
      )
        throw intercomErrors.badSignature();
      await this.connections.note('lastWebhookAt');
      await this.apply(rawBody).catch(async (error: Error) => {
        this.logger.warn(`Intercom notification not applied: ${error.message}`);
        await this.connections.noteError(`applying a webhook: ${error.message}`);
        throw new AppHttpError(503, 'try_again', 'the notification could not be applied now');
      });
      return { received: true as const };
    });
  }

  private async apply(rawBody: Buffer): Promise<void> {
    const notification = notificationSchema.safeParse(parseJson(rawBody));
    // Signed but not a conversation notification (a ping, another topic): nothing to do.
    if (!notification.success || !notification.data.topic.startsWith('conversation.')) return;
    const conversation = conversationSchema.safeParse(notification.data.data.item);
    if (!conversation.success) {
      this.logger.warn(`Intercom ${notification.data.topic}: an item of an unexpected shape`);
      return;
    }
    await this.inbound.apply(
      conversation.data,
      notification.data.topic === 'conversation.admin.closed',
    );
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
