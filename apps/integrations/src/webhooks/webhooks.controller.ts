import { RequirePermissions } from '@app/auth';
import {
  type WebhookDeliveriesPage,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  deliveriesAnswer,
  deliveryAnswer,
  replayedAnswer,
  webhookAnswer,
  webhooksAnswer,
  webhookWithSecretAnswer,
} from './dto/webhooks.answers';
import { CreateWebhookDto, DeliveriesQueryDto, UpdateWebhookDto } from './dto/webhooks.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const URL_REFUSED =
  'Bad input: `validation_failed` names each field refused; `url_not_allowed` (naming `url`): its host resolves to an address webhooks may not reach (private, loopback, link-local, metadata…).';

/** The workspace's outgoing webhooks (`integrations:manage`: Admins). */
@ApiTags('webhooks')
@ApiBearerAuth()
@RequirePermissions('integrations:manage')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @ApiAnswer(200, webhooksAnswer)
  @Get()
  async list(): Promise<{ webhooks: WebhookEndpointView[] }> {
    return { webhooks: await this.webhooks.list() };
  }

  /** The secret is in this answer only (and in a rotation's). */
  @ApiErrors({ 409: '`limit_reached`: the workspace has its maximum of endpoints (20).' })
  @ApiAnswer(201, webhookWithSecretAnswer, `Created. ${URL_REFUSED}`)
  @Post()
  create(@Body() body: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(body);
  }

  @ApiErrors({ 404: '`not_found`: no such endpoint in this workspace.' })
  @ApiAnswer(200, webhookAnswer)
  @Get(':id')
  get(@Param('id') id: string): Promise<WebhookEndpointView> {
    return this.webhooks.get(id);
  }

  /** `enabled: true` also clears a disabling by Parley and its failure streak. */
  @ApiErrors({ 404: '`not_found`' })
  @ApiAnswer(200, webhookAnswer, `Updated. ${URL_REFUSED}`)
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateWebhookDto): Promise<WebhookEndpointView> {
    return this.webhooks.update(id, body);
  }

  @ApiErrors({ 404: '`not_found`' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.webhooks.delete(id);
  }

  /** A new secret; deliveries carry both signatures until `previousSecretExpiresAt`. */
  @ApiErrors({ 404: '`not_found`' })
  @ApiAnswer(200, webhookWithSecretAnswer)
  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@Param('id') id: string): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(id);
  }

  @ApiErrors({ 404: '`not_found`' })
  @ApiAnswer(200, deliveriesAnswer)
  @Get(':id/deliveries')
  deliveries(
    @Param('id') id: string,
    @Query() query: DeliveriesQueryDto,
  ): Promise<WebhookDeliveriesPage> {
    return this.webhooks.deliveryLog(id, query);
  }

  /** Sends the delivery again (same `Parley-Webhook-Id`), with a fresh retry window. */
  @ApiErrors({
    404: '`not_found`: no such endpoint or delivery.',
    409: '`endpoint_disabled`: enable the endpoint first.',
  })
  @ApiAnswer(202, deliveryAnswer)
  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  replay(
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(id, deliveryId);
  }

  @ApiErrors({ 404: '`not_found`', 409: '`endpoint_disabled`: enable the endpoint first.' })
  @ApiAnswer(202, replayedAnswer)
  @Post(':id/replay-failed')
  @HttpCode(202)
  replayFailed(@Param('id') id: string): Promise<{ replayed: number }> {
    return this.webhooks.replayFailed(id);
  }

  /** Queues a `parley.test.v1` delivery; its outcome shows in the delivery log. */
  @ApiErrors({ 404: '`not_found`', 409: '`endpoint_disabled`: enable the endpoint first.' })
  @ApiAnswer(202, deliveryAnswer)
  @Post(':id/test')
  @HttpCode(202)
  sendTest(@Param('id') id: string): Promise<WebhookDeliveryView> {
    return this.webhooks.sendTest(id);
  }
}
