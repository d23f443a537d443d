import { forTenant } from '@app/tenancy';
import { ChatroomCreatedV1, type JourneyAnswers } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService } from '../messages/messages.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { JourneyAnswersService } from './journey-answers.service';
import { VisitorTokensService } from './visitor-tokens.service';
import {
  type ChatbotCredentials,
  describeVisitor,
  WidgetSessionsService,
} from './widget-sessions.service';

export interface OfflineMessage extends ChatbotCredentials {
  name: string;
  email: string;
  message: string;
  /** The journey walked before the chat turned out offline; absent: none. */
  answers?: JourneyAnswers;
  journeyVersion?: number;
}

/**
 * A visitor writing while nobody answers live: the message becomes a room in the `offline` state,
 * listed for agents apart from the queue, and the visitor is mailed a confirmation with a link
 * back to the conversation. An agent who takes it answers by email (the away-reply path).
 */
@Injectable()
export class OfflineMessagesService {
  constructor(
    private readonly sessions: WidgetSessionsService,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly tokens: VisitorTokensService,
    private readonly events: EventPublisher,
    private readonly journeys: JourneyAnswersService,
  ) {}

  async leave(
    input: OfflineMessage,
    request: { origin?: string; ip: string; userAgent?: string },
  ): Promise<{ roomId: string }> {
    await this.sessions.limitAddress(input.tenantId, request.ip);
    return forTenant(input.tenantId, 'a widget names its chatbot’s tenant', async () => {
      const chatbot = await this.sessions.admitVisitor(input, request);
      const walk =
        input.answers === undefined
          ? null
          : this.journeys.walk(chatbot.journey, input.answers, input.journeyVersion);
      if (walk) await this.journeys.checkImages(walk, chatbot.journey, chatbot.id);
      const answers = walk?.answers ?? {};
      const room = await this.rooms.create(
        {
          chatbotId: chatbot.id,
          visitor: describeVisitor(input, request, false),
          answers,
          ...(walk
            ? {
                ...(await this.journeys.route(walk)),
                journey: { version: chatbot.journey.version, path: walk.path },
              }
            : {}),
        },
        { offline: true },
      );
      if (walk) await this.journeys.claimImages(walk, chatbot.journey, room);
      await this.messages.send(
        room,
        { type: 'visitor', id: room.visitor.id, name: room.visitor.name },
        { clientMessageId: randomUUID(), body: input.message },
      );
      await this.events.publish(ChatroomCreatedV1, {
        tenantId: room.tenantId,
        chatroomId: room.id,
        payload: {
          roomId: room.id,
          chatbotId: room.chatbotId,
          displayId: room.displayId,
          visitor: {
            name: room.visitor.name,
            email: room.visitor.email,
            ip: room.visitor.ip,
            browser: room.visitor.browser,
          },
          answers,
          ...(room.category ? { category: room.category } : {}),
          createdAt: room.createdAt.toISOString(),
        },
      });
      const visitorToken = this.tokens.issue({
        visitorId: room.visitor.id,
        roomId: room.id,
        tenantId: room.tenantId,
      });
      await this.notifications.offlineMessageReceived(
        room,
        chatbot.name,
        input.message,
        visitorToken,
      );
      await this.roomsService.announceRoom(room);
      return { roomId: room.id };
    });
  }
}
