import { InjectConfig } from '@app/config';
import { IntercomConversationClosedV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { TenantContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { AppHttpError } from '@app/platform';
import { type ChatConfig } from '../chat.config';
import { ConversationService } from '../conversations/conversation.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { stableUuid } from '../sla/stable-id';
import { type IntercomConversation, type IntercomPart } from './intercom-api.schemas';
import { IntercomLinksRepository, type LinkRecord } from './intercom-links.repository';
import { intercomBodyToText } from './intercom-text';

/** Authors whose comments the visitor reads: Intercom's people and its bots (Fin). */
const AGENT_AUTHORS = new Set(['admin', 'bot']);
/**
 * Internal notes never reach the visitor. Any other part with a body does (a reply, and a reply
 * sent with a close or an assignment, whose body is on that part).
 */
const NOT_FOR_THE_VISITOR = new Set(['note', 'note_and_reopen']);

/**
 * What Intercom says of a conversation, by webhook or found by the polling fallback, applied to
 * its room in the tenant in context: each admin's reply part becomes an agent message from that
 * admin, through the message path (sockets, `chat.message.sent`, the away visitor's email); a
 * close part closes the room as resolved and publishes `chat.intercom-conversation.closed.v1`.
 * Exactly once per part, however often it comes: the message's client id is `intercom:<part id>`,
 * which the message path stores once per room, and the close's event id is derived from its
 * part id.
 */
@Injectable()
export class IntercomInbound {
  private readonly logger = new Logger(IntercomInbound.name);

  constructor(
    @InjectConfig() private readonly config: ChatConfig,
    private readonly links: IntercomLinksRepository,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly conversations: ConversationService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * `closedByTopic`: the notification was `conversation.admin.closed`, which closes the
   * conversation even when its item holds no close part.
   */
  async apply(conversation: IntercomConversation, closedByTopic = false): Promise<void> {
    const link = await this.links.byConversation(conversation.id);
    const parts = [...(conversation.conversation_parts?.conversation_parts ?? [])].sort(
      (a, b) => a.created_at - b.created_at || Number(a.id) - Number(b.id),
    );
    const closePart = parts.filter((part) => part.part_type === 'close').at(-1);
    const closed = closePart ?? (closedByTopic ? closingOf(conversation) : undefined);
    if (!link) {
      // Started in Intercom, not in Parley: only its close is of interest (review invitations).
      if (closed) await this.publishClosed(conversation, null, null, closed);
      return;
    }
    for (const part of parts) if (isReplyToVisitor(part)) await this.deliver(link, part);
    if (closed && !(link.state === 'closed' && link.closedPartId === closed.id))
      await this.close(link, conversation, closed);
    else if (link.state === 'open')
      await this.links.heardFrom(
        link._id,
        new Date(Date.now() + this.config.INTERCOM_POLL_QUIET_MS),
      );
  }

  /** An admin's reply, as an agent message of the room (once per part id). */
  private async deliver(link: LinkRecord, part: IntercomPart): Promise<void> {
    const room = await this.rooms.findById(link._id);
    if (!room) return;
    const body = intercomBodyToText(part.body ?? '');
    if (!body) return;
    try {
      await this.conversations.sendAsOutsideAgent(
        room,
        { id: `intercom:${part.author.id ?? 'unknown'}`, name: part.author.name || 'Intercom' },
        { clientMessageId: `intercom:${part.id}`, body },
      );
    } catch (error) {
      // A reply after the room closed (or was deleted) has nowhere to go.
      if (error instanceof AppHttpError && error.code === 'room_closed') {
        this.logger.debug(`Intercom part ${part.id}: room ${room.id} is closed`);
        return;
      }
      throw error;
    }
  }

  /** Closes the room as resolved (unless it is closed already) and announces the close. */
  private async close(
    link: LinkRecord,
    conversation: IntercomConversation,
    closed: ClosingPart,
  ): Promise<void> {
    const room = await this.rooms.findById(link._id);
    if (room && room.status !== 'closed') {
      await this.roomsService.close(room.id, 'resolved', 'system').catch((error: unknown) => {
        // Closed meanwhile by someone else: the close stands.
        if (!(error instanceof AppHttpError && error.code === 'room_closed')) throw error;
      });
    }
    await this.publishClosed(conversation, link._id, room?.chatbotId ?? null, closed, link);
    await this.links.closed(link._id, closed.id);
  }

  private async publishClosed(
    conversation: IntercomConversation,
    roomId: string | null,
    chatbotId: string | null,
    closed: ClosingPart,
    link?: LinkRecord,
  ): Promise<void> {
    const tenantId = TenantContext.current();
    const author = conversation.source?.author;
    const contactEmail =
      link?.contact?.email ?? author?.email ?? conversation.contacts?.contacts[0]?.email ?? null;
    await this.events.publish(IntercomConversationClosedV1, {
      tenantId,
      // Keyed by the Intercom conversation: its closes stay in order, bridged or not.
      chatroomId: conversation.id,
      // The same close (by webhook, poll or a replay) is the same event: consumers drop repeats.
      eventId: stableUuid(`intercom-closed:${tenantId}:${conversation.id}:${closed.id}`),
      payload: {
        intercomConversationId: conversation.id,
        roomId,
        chatbotId,
        contact: { email: contactEmail, name: link?.contact?.name ?? author?.name ?? null },
        closedBy: closed.author?.id
          ? { id: closed.author.id, name: closed.author.name ?? null }
          : null,
        closedAt: new Date(closed.created_at * 1000).toISOString(),
      },
    });
  }
}

type ClosingPart = Pick<IntercomPart, 'id' | 'created_at'> & {
  author?: { id?: string | null; name?: string | null } | null;
};

/** A close known only from its topic: keyed by the conversation's last update. */
function closingOf(conversation: IntercomConversation): ClosingPart {
  const at = conversation.updated_at ?? Math.floor(Date.now() / 1000);
  return { id: `closed-at-${at}`, created_at: at, author: null };
}

function isReplyToVisitor(part: IntercomPart): boolean {
  return (
    AGENT_AUTHORS.has(part.author.type) &&
    !NOT_FOR_THE_VISITOR.has(part.part_type) &&
    Boolean(part.body?.trim())
  );
}
