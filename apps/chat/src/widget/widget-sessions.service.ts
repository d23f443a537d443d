import { BlockedVisitorsRepository } from '../blocking/blocked-visitors.repository';
import { isIdentityHash, sameHash, unseal, type VisitorPrincipal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { forTenant } from '@app/tenancy';
import { appearanceSchema, ChatroomCreatedV1, type JourneyAnswers } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { AppHttpError } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UAParser } from 'ua-parser-js';
import { type ChatConfig } from '../chat.config';
import { type ChatbotRecord, DirectoryRepository } from '../directory/directory.repository';
import { ChatNotificationsService } from '../messages/chat-notifications.service';
import { MessagesService } from '../messages/messages.service';
import { ChatbotAvailability } from '../availability/chatbot-availability.service';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { chatErrors } from '../chat-errors';
import { JourneyAnswersService } from './journey-answers.service';
import { VisitorTokensService } from './visitor-tokens.service';
import { WidgetRateLimits } from './widget-rate-limits.service';

export interface ChatbotCredentials {
  tenantId: string;
  chatbotId: string;
  apiKey: string;
}

export interface NewSession extends ChatbotCredentials {
  name: string;
  email: string;
  answers: JourneyAnswers;
  /** The journey version the answers were given under; absent (older widgets): the current one. */
  journeyVersion?: number;
  identityHash?: string;
}

// One answer for an unknown tenant, chatbot or key: which of them was wrong is not told.
const badCredentials = () => new AppHttpError(401, 'invalid_api_key', 'unknown chatbot or API key');

/** A visitor opening the widget: an email-first chatroom in the queue, and its room token. */
@Injectable()
export class WidgetSessionsService {
  private readonly logger = new Logger(WidgetSessionsService.name);

  constructor(
    private readonly directory: DirectoryRepository,
    private readonly rooms: RoomsRepository,
    private readonly blockedVisitors: BlockedVisitorsRepository,
    private readonly roomsService: RoomsService,
    private readonly messages: MessagesService,
    private readonly notifications: ChatNotificationsService,
    private readonly tokens: VisitorTokensService,
    private readonly events: EventPublisher,
    private readonly limits: WidgetRateLimits,
    private readonly availability: ChatbotAvailability,
    private readonly journeys: JourneyAnswersService,
    @InjectConfig() private readonly chatConfig: ChatConfig,
  ) {}

  /** The chatbot's name, look and journey, for a widget on one of its allowed sites. */
  async config(input: ChatbotCredentials, request: { origin?: string; ip: string }) {
    await this.limits.configByAddress(input.tenantId, request.ip);
    return forTenant(input.tenantId, 'a widget names its chatbot’s tenant', async () => {
      const chatbot = await this.authorizedChatbot(input, request.origin);
      await this.limits.configOfChatbot(input.tenantId, chatbot.id);
      return {
        chatbotId: chatbot.id,
        name: chatbot.name,
        appearance: chatbot.appearance,
        journey: chatbot.journey,
        ...(await this.availability.now(input.tenantId, chatbot)),
      };
    });
  }

  /** The chatbot's name and look for a visitor's room (the chatbot may be gone since). */
  async conversationLook(visitor: VisitorPrincipal) {
    return forTenant(visitor.tenantId, 'a visitor token names its room’s tenant', async () => {
      const room = await this.rooms.findById(visitor.roomId);
      if (!room) throw chatErrors.roomNotFound();
      const chatbot = await this.directory.findChatbot(visitor.tenantId, room.chatbotId);
      return {
        roomId: room.id,
        chatbotName: chatbot?.name ?? null,
        appearance: chatbot?.appearance ?? appearanceSchema.parse({}),
      };
    });
  }

  /** The per-address limit of new rooms, counted before the chatbot is even looked up. */
  limitAddress(tenantId: string, ip: string): Promise<void> {
    return this.limits.sessionByAddress(tenantId, ip);
  }

  async open(input: NewSession, request: { origin?: string; ip: string; userAgent?: string }) {
    await this.limitAddress(input.tenantId, request.ip);
    return forTenant(input.tenantId, 'a widget names its chatbot’s tenant', async () => {
      const chatbot = await this.admitVisitor(input, request);
      const verified = this.identityVerified(chatbot, input.email, input.identityHash);
      if (chatbot.requireVerifiedIdentity && !verified) {
        throw new AppHttpError(
          403,
          'identity_not_verified',
          'this chatbot only talks to visitors whose email its site signed (identityHash)',
        );
      }
      const walk = this.journeys.walk(chatbot.journey, input.answers, input.journeyVersion);
      const { answers } = walk;
      await this.journeys.checkImages(walk, chatbot.journey, chatbot.id);
      const route = await this.journeys.route(walk);
      await this.refuseIfOffline(input.tenantId, chatbot, route.teamId);

      const room = await this.rooms.create({
        chatbotId: chatbot.id,
        visitor: describeVisitor(input, request, verified),
        answers,
        ...route,
        journey: { version: chatbot.journey.version, path: walk.path },
      });
      await this.journeys.claimImages(walk, chatbot.journey, room);
      const visitorToken = this.tokens.issue({
        visitorId: room.visitor.id,
        roomId: room.id,
        tenantId: room.tenantId,
      });
      await this.messages.system(room, chatbot.appearance.waitingMessage);
      if (walk.end.firstMessage) await this.messages.system(room, walk.end.firstMessage);
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
          ...(walk.category ? { category: walk.category } : {}),
          createdAt: room.createdAt.toISOString(),
        },
      });
      await this.notifications.welcome(room, chatbot.name, visitorToken);
      await this.roomsService.broadcastQueue(room.tenantId);
      this.roomsService.assignmentChance(room.tenantId);
      return { roomId: room.id, visitorToken, appearance: chatbot.appearance };
    });
  }

  /**
   * 409 `chatbot_offline` when nobody answers live now where the journey leads: outside the
   * hours (the team's own, else the workspace's) or with nobody available, as the chatbot says.
   * The widget then offers an offline message, which keeps the answers and so the route.
   */
  private async refuseIfOffline(
    tenantId: string,
    chatbot: ChatbotRecord,
    teamId: string | null,
  ): Promise<void> {
    const now = await this.availability.now(tenantId, chatbot, { teamId });
    if (now.availability === 'online') return;
    throw new AppHttpError(
      409,
      'chatbot_offline',
      `nobody answers live now (${now.offlineReason}): leave an offline message instead`,
      { offlineReason: now.offlineReason, ...(now.teamId ? { teamId: now.teamId } : {}) },
    );
  }

  /**
   * Whether the tenant's backend signed this email with the chatbot's identity secret. A wrong
   * hash counts as none: on a chatbot that does not require it, the visitor is simply unverified.
   */
  private identityVerified(chatbot: ChatbotRecord, email: string, hash: string | undefined) {
    if (!hash || !chatbot.identitySecretSealed) return false;
    let secret: string;
    try {
      secret = unseal(
        chatbot.identitySecretSealed,
        this.chatConfig.NOTIFICATION_SEAL_KEY,
        'identity-secret',
      );
    } catch {
      // Sealed under a key this replica does not have (a rotation half done): nobody is verified
      // until the chatbot is announced again, rather than every session failing with a 500.
      this.logger.warn(`the identity secret of chatbot ${chatbot.id} does not open`);
      return false;
    }
    return isIdentityHash(secret, email, hash);
  }

  /**
   * What a new room (session or offline message) must pass first: the chatbot's key and origin,
   * the address's and chatbot's limits, and the blocklist. Answers the chatbot.
   */
  async admitVisitor(
    input: ChatbotCredentials & { email: string },
    request: { origin?: string; ip: string },
  ): Promise<ChatbotRecord> {
    const chatbot = await this.authorizedChatbot(input, request.origin);
    await this.limits.sessionOfChatbot(input.tenantId, chatbot.id, input.email);
    if (await this.blockedVisitors.isBlocked(input.email, request.ip)) {
      throw new AppHttpError(403, 'visitor_blocked', 'this conversation cannot be started');
    }
    return chatbot;
  }

  /** The chatbot the credentials name, if its key matches and the page's origin is allowed. */
  async authorizedChatbot(input: ChatbotCredentials, origin: string | undefined) {
    const chatbot = await this.directory.findChatbot(input.tenantId, input.chatbotId);
    if (!chatbot?.apiKeySha256 || !sameHash(input.apiKey, chatbot.apiKeySha256))
      throw badCredentials();
    if (!origin || !chatbot.allowedOrigins.includes(origin.toLowerCase())) {
      throw new AppHttpError(403, 'origin_not_allowed', 'this site may not use this chatbot');
    }
    return chatbot;
  }
}

/** The visitor of a new room: who they said they are, their address and browser. */
export function describeVisitor(
  input: { name: string; email: string },
  request: { ip: string; userAgent?: string },
  verified: boolean,
): RoomRecord['visitor'] {
  const browser = new UAParser(request.userAgent ?? '').getResult();
  return {
    id: randomUUID(),
    name: input.name,
    email: input.email,
    ip: request.ip,
    verified,
    browser: {
      name: browser.browser.name,
      version: browser.browser.version,
      os: [browser.os.name, browser.os.version].filter(Boolean).join(' ') || undefined,
      device: browser.device.type ?? 'desktop',
    },
  };
}
