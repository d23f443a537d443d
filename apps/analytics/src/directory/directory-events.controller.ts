import {
  ChatbotCreatedV1,
  ChatbotDeletedV1,
  ChatbotKeyRotatedV1,
  ChatbotUpdatedV1,
  type EventOf,
  UserDeletedV1,
  UserInvitedV1,
  UserUpdatedV1,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DirectoryRepository } from './directory.repository';

type ChatbotEvent = EventOf<typeof ChatbotCreatedV1>;
type UserEvent = EventOf<typeof UserInvitedV1>;

/** Keeps analytics' copy of chatbots and users current; events may come in any order. */
@Controller()
export class DirectoryEventsController {
  constructor(private readonly directory: DirectoryRepository) {}

  @OnEvent(ChatbotCreatedV1)
  onChatbotCreated(@Payload() event: ChatbotEvent) {
    return this.chatbot(event);
  }

  @OnEvent(ChatbotUpdatedV1)
  onChatbotUpdated(@Payload() event: ChatbotEvent) {
    return this.chatbot(event);
  }

  @OnEvent(ChatbotKeyRotatedV1)
  onChatbotKeyRotated(@Payload() event: ChatbotEvent) {
    return this.chatbot(event);
  }

  @OnEvent(ChatbotDeletedV1)
  onChatbotDeleted(@Payload() event: EventOf<typeof ChatbotDeletedV1>) {
    return this.directory.applyChatbot(
      event.payload.chatbotId,
      { deleted: true },
      new Date(event.occurredAt),
    );
  }

  @OnEvent(UserInvitedV1)
  onUserInvited(@Payload() event: UserEvent) {
    return this.user(event);
  }

  @OnEvent(UserUpdatedV1)
  onUserUpdated(@Payload() event: UserEvent) {
    return this.user(event);
  }

  @OnEvent(UserDeletedV1)
  onUserDeleted(@Payload() event: EventOf<typeof UserDeletedV1>) {
    return this.directory.applyUser(
      event.payload.userId,
      { status: 'deleted', permissions: [] },
      new Date(event.occurredAt),
    );
  }

  private chatbot(event: ChatbotEvent) {
    return this.directory.applyChatbot(
      event.payload.chatbotId,
      { name: event.payload.name, deleted: false },
      new Date(event.occurredAt),
    );
  }

  private user(event: UserEvent) {
    const { userId, name, email, permissions, status } = event.payload;
    return this.directory.applyUser(
      userId,
      { name, email, permissions, status },
      new Date(event.occurredAt),
    );
  }
}
