import { seal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { type ChatMessage, NotificationRequestedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AttachmentLinks } from '../attachments/attachment-links';
import { type ChatConfig } from '../chat.config';
import { CsatLinks } from '../csat/csat-links';
import { DirectoryRepository } from '../directory/directory.repository';
import { type CloseReason } from '../rooms/room.schema';
import { type RoomRecord } from '../rooms/room-record';

/** Emails to visitors, requested through Kafka (the email service sends them). */
@Injectable()
export class ChatNotificationsService {
  constructor(
    private readonly events: EventPublisher,
    private readonly directory: DirectoryRepository,
    private readonly links: AttachmentLinks,
    private readonly csatLinks: CsatLinks,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  /**
   * A link back to the conversation, carrying the visitor's room token (sealed in transit). The
   * token is in the fragment, which browsers never send: it stays out of access logs.
   */
  conversationLink(room: RoomRecord, visitorToken: string) {
    const url = `${this.config.PUBLIC_URL}/conversation/${room.id}#token=${encodeURIComponent(visitorToken)}`;
    return { sealed: seal(url, this.config.NOTIFICATION_SEAL_KEY, 'notification-link') };
  }

  async welcome(room: RoomRecord, chatbotName: string, visitorToken: string): Promise<void> {
    await this.publish(room, {
      kind: 'visitor-welcome',
      chatbotName,
      conversationUrl: this.conversationLink(room, visitorToken),
    });
  }

  async agentReplied(
    room: RoomRecord,
    agentName: string,
    reply: string,
    visitorToken: string,
  ): Promise<void> {
    await this.publish(room, {
      kind: 'agent-reply',
      agentName,
      reply,
      conversationUrl: this.conversationLink(room, visitorToken),
    });
  }

  /** The visitor left a message while the chatbot was offline: we have it. */
  async offlineMessageReceived(
    room: RoomRecord,
    chatbotName: string,
    message: string,
    visitorToken: string,
  ): Promise<void> {
    await this.publish(room, {
      kind: 'offline-message-received',
      chatbotName,
      message,
      conversationUrl: this.conversationLink(room, visitorToken),
    });
  }

  async transcript(room: RoomRecord, reason: CloseReason, messages: ChatMessage[]): Promise<void> {
    await this.publish(room, {
      kind: 'conversation-transcript',
      reason,
      // Only a resolved conversation asks for a rating; the mail makes one link per rating.
      ...(reason === 'resolved'
        ? {
            rateUrl: this.seal(
              this.csatLinks.mailLink({ tenantId: room.tenantId, roomId: room.id }),
            ),
          }
        : {}),
      lines: messages.map((message) => ({
        from: message.sender.name ?? message.sender.type,
        senderType: message.sender.type,
        body: message.body,
        at: message.createdAt,
        ...(message.attachments?.length
          ? {
              // Links the visitor opens from their mailbox, days later: signed for
              // ATTACHMENT_MAIL_URL_TTL_DAYS, sealed like every link in a notification.
              files: message.attachments.map((file) => ({
                name: file.name,
                size: file.size,
                url: this.seal(this.links.mailLink(room.tenantId, file.id)),
              })),
            }
          : {}),
      })),
    });
  }

  /** Every link in a notification travels sealed. */
  private seal(url: string): { sealed: string } {
    return { sealed: seal(url, this.config.NOTIFICATION_SEAL_KEY, 'notification-link') };
  }

  private async publish(room: RoomRecord, details: Record<string, unknown>): Promise<void> {
    await this.events.publish(NotificationRequestedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        notificationId: randomUUID(),
        to: { email: room.visitor.email, name: room.visitor.name },
        tenantName: await this.directory.tenantName(room.tenantId),
        ...details,
      } as never,
    });
  }
}
