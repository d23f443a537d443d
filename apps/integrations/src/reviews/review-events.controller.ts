import {
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomDeletedV1,
  ContactErasedV1,
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
 * (Parley's, or an Intercom admin's for a bridged one), its ratings, and its deletion or its
 * contact's erasure. Topics are read apart, so these may come in any order; the service copes.
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

  @OnEvent(ChatroomDeletedV1)
  onRoomDeleted(@Payload() event: EventOf<typeof ChatroomDeletedV1>) {
    return this.invitations.erase([event.payload.roomId], null);
  }

  @OnEvent(ContactErasedV1)
  onContactErased(@Payload() event: EventOf<typeof ContactErasedV1>) {
    return this.invitations.erase(event.payload.roomIds, event.payload.email);
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
