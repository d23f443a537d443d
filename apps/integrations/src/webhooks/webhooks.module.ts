import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeliverySweeper } from '../deliveries/delivery-sweeper.service';
import { DisabledEndpointAlerts } from '../deliveries/disabled-endpoint-alerts';
import { WebhookDeliveriesRepository } from '../deliveries/webhook-deliveries.repository';
import { PendingDeliveryIndex } from '../deliveries/pending-delivery-index';
import { EndpointSnapshots } from '../deliveries/endpoint-snapshots';
import { WebhookDelivery, WebhookDeliverySchema } from '../deliveries/webhook-delivery.schema';
import { WebhookDispatcher } from '../deliveries/webhook-dispatcher.service';
import { WebhookFanOut } from '../deliveries/webhook-fan-out.service';
import { DirectoryModule } from '../directory/directory.module';
import { OutboundGuard } from '../outbound/outbound-guard';
import { WebhookHttpClient } from '../outbound/webhook-http-client';
import { WebhookEndpoint, WebhookEndpointSchema } from './webhook-endpoint.schema';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookActionLimits } from './webhook-action-limits';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';

/** Outgoing webhooks: the endpoints (REST), the fan-out from Kafka, delivery and its log. */
@Module({
  imports: [
    DirectoryModule,
    MongooseModule.forFeature([
      { name: WebhookEndpoint.name, schema: WebhookEndpointSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
    ]),
  ],
  controllers: [WebhooksController],
  providers: [
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    WebhookSecrets,
    WebhookActionLimits,
    WebhookDeliveriesRepository,
    PendingDeliveryIndex,
    EndpointSnapshots,
    WebhookDispatcher,
    WebhookFanOut,
    DeliverySweeper,
    DisabledEndpointAlerts,
    OutboundGuard,
    WebhookHttpClient,
  ],
})
export class WebhooksModule {}
