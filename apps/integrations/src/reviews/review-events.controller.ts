import {
  ChatroomClosedV1,
  ChatroomCreatedV1,
  CsatRatedV1,
  type EventOf,
  IntercomConversationClosedV1,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { conversationIdOf } from './invitation-rules';
import { ReviewInvitationsService } from './review-invitations.service';

/**
 * What review invitations learn from Kafka: a conversation's visitor when it opens, its close
 * (Parley's, or an Intercom admin's for a bridged one) and its ratings. Topics are read apart, so
 * these may come in any order; the service copes.
 */
@Controller()
export class ReviewEventsController {
  constructor(private readonly invitations: ReviewInvitationsService) {}

  @OnEvent(ChatroomCreatedV1)
  onRoomCreated(@Payload() event: EventOf<typeof ChatroomCreatedV1>) {
    const { roomId, visitor } = event.payload;
    return this.invitations.visitorSeen(roomId, { email: visitor.email, name: visitor.name });
  }

  @OnEvent(ChatroomClosedV1)
  onRoomClosed(@Payload() event: EventOf<typeof ChatroomClosedV1>) {
    return this.invitations.roomClosed(event.payload.roomId, event.payload.reason);
  }

  @OnEvent(CsatRatedV1)
  onRated(@Payload() event: EventOf<typeof CsatRatedV1>) {
    const { roomId, revision, rating } = event.payload;
    return this.invitations.rated(roomId, revision, rating);
  }

  @OnEvent(IntercomConversationClosedV1)
  onIntercomClosed(@Payload() event: EventOf<typeof IntercomConversationClosedV1>) {
    const { roomId, intercomConversationId, contact } = event.payload;
    return this.invitations.intercomClosed(
      conversationIdOf(roomId, intercomConversationId),
      contact,
      roomId !== null,
    );
  }
}
