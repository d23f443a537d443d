import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { RoomsModule } from '../rooms/rooms.module';
import { IntercomClient } from './intercom-client';
import { IntercomConnection, IntercomConnectionSchema } from './intercom-connection.schema';
import { IntercomConnectionsRepository } from './intercom-connections.repository';
import { IntercomConnections } from './intercom-connections.service';
import { IntercomCredentials } from './intercom-credentials';
import { IntercomForwarder } from './intercom-forwarder.service';
import { IntercomInbound } from './intercom-inbound.service';
import {
  IntercomForward,
  IntercomForwardSchema,
  IntercomLink,
  IntercomLinkSchema,
} from './intercom-link.schema';
import { IntercomLinksRepository } from './intercom-links.repository';
import { IntercomPoller } from './intercom-poller.service';
import { IntercomController } from './intercom.controller';
import { IntercomWebhooksController } from './intercom-webhooks.controller';

/**
 * The Intercom bridge (optional, per tenant): the connection, visitors' messages forwarded
 * (a Kafka consumer of its own), Intercom's replies and closes received by webhook, and the
 * polling fallback. Without a tenant connecting it, it does nothing.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: IntercomConnection.name, schema: IntercomConnectionSchema },
      { name: IntercomLink.name, schema: IntercomLinkSchema },
      { name: IntercomForward.name, schema: IntercomForwardSchema },
    ]),
    ConversationsModule,
    MessagesModule,
    RoomsModule,
  ],
  controllers: [IntercomController, IntercomWebhooksController],
  providers: [
    IntercomClient,
    IntercomConnectionsRepository,
    IntercomConnections,
    IntercomCredentials,
    IntercomForwarder,
    IntercomInbound,
    IntercomLinksRepository,
    IntercomPoller,
  ],
})
export class IntercomModule {}
