import { VISITOR_AUTHENTICATOR } from '@app/auth';
import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BlockedVisitor, BlockedVisitorSchema } from './blocking/blocked-visitor.schema';
import { BlockedVisitorsRepository } from './blocking/blocked-visitors.repository';
import { AgentAuthenticator } from './agents/agent-authenticator.service';
import { AgentPresence } from './agents/agent-presence.service';
import { AgentSessions } from './agents/agent-sessions.service';
import { AgentsController } from './agents/agents.controller';
import { AutoAssigner } from './agents/auto-assigner.service';
import { type ChatConfig } from './chat.config';
import { DirectoryEventsController } from './directory/directory-events.controller';
import { DirectoryRepository } from './directory/directory.repository';
import {
  AgentEntry,
  AgentEntrySchema,
  ChatbotEntry,
  ChatbotEntrySchema,
  TenantEntry,
  TenantEntrySchema,
} from './directory/directory.schemas';
import { ChatNotificationsService } from './messages/chat-notifications.service';
import { ConversationService } from './messages/conversation.service';
import { Message, MessageSchema } from './messages/message.schema';
import { MessageSeqAllocator } from './messages/message-seq.allocator';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { AgentGateway } from './realtime/agent.gateway';
import { MessageRateLimiter } from './realtime/message-rate-limiter.service';
import { PresenceSignals } from './realtime/presence-signals.service';
import { RealtimeBus } from './realtime/realtime-bus.service';
import { VisitorGateway } from './realtime/visitor.gateway';
import { Room, RoomTransition, RoomTransitionSchema, RoomSchema } from './rooms/room.schema';
import { DisplayIdAllocator } from './rooms/display-id.allocator';
import { RoomCache } from './rooms/room-cache';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsRepository } from './rooms/rooms.repository';
import { RoomsService } from './rooms/rooms.service';
import { StandbyService } from './standby/standby.service';
import { VisitorSessions } from './visitors/visitor-sessions.service';
import { VisitorTokensService } from './widget/visitor-tokens.service';
import { WidgetController } from './widget/widget.controller';
import { WidgetSessionsService } from './widget/widget-sessions.service';

@Module({})
export class ChatModule {
  static register(config: ChatConfig): DynamicModule {
    return {
      module: ChatModule,
      // Global so that the one auth guard can check visitor tokens too.
      global: true,
      exports: [VISITOR_AUTHENTICATOR],
      imports: [
        // Every message publishes an event: its outbox is in Redis, off the database's writes.
        ...serviceModules('chat', config, jwksAuth(config), { outboxInRedis: true }),
        MongooseModule.forFeature([
          { name: ChatbotEntry.name, schema: ChatbotEntrySchema },
          { name: AgentEntry.name, schema: AgentEntrySchema },
          { name: TenantEntry.name, schema: TenantEntrySchema },
          { name: Room.name, schema: RoomSchema },
          { name: BlockedVisitor.name, schema: BlockedVisitorSchema },
          { name: RoomTransition.name, schema: RoomTransitionSchema },
          { name: Message.name, schema: MessageSchema },
        ]),
      ],
      controllers: [WidgetController, RoomsController, AgentsController, DirectoryEventsController],
      providers: [
        DirectoryRepository,
        DisplayIdAllocator,
        MessageSeqAllocator,
        RoomCache,
        RoomsRepository,
        BlockedVisitorsRepository,
        RoomsService,
        MessagesRepository,
        MessagesService,
        ChatNotificationsService,
        ConversationService,
        VisitorTokensService,
        VisitorSessions,
        { provide: VISITOR_AUTHENTICATOR, useExisting: VisitorTokensService },
        WidgetSessionsService,
        StandbyService,
        AgentPresence,
        AgentAuthenticator,
        AgentSessions,
        AutoAssigner,
        RealtimeBus,
        MessageRateLimiter,
        PresenceSignals,
        VisitorGateway,
        AgentGateway,
      ],
    };
  }
}
