import {
  ChatroomClosedV1,
  ChatroomCreatedV1,
  type CloseReason,
  CsatRatedV1,
  IntercomConversationClosedV1,
  type ReviewInvitationView,
} from '@app/contracts';
import { bearer, eventually, type SignedIn, TrustpilotStandIn, uniqueEmail } from '@app/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WebhooksFixture } from './webhooks-fixture';

export type Business = ReturnType<TrustpilotStandIn['addBusiness']>;
type Invitation = ReviewInvitationView & { createdAt: string };

/**
 * The integrations service with the Trustpilot stand-in in Trustpilot's place (quick retries and
 * sweeps unless a test says otherwise), and the chat events that drive review invitations.
 */
export class ReviewsFixture {
  private constructor(
    readonly service: WebhooksFixture,
    readonly trustpilot: TrustpilotStandIn,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<ReviewsFixture> {
    const trustpilot = await TrustpilotStandIn.start();
    const service = await WebhooksFixture.start(ReviewsFixture.settings(trustpilot, overrides));
    return new ReviewsFixture(service, trustpilot);
  }

  static settings(trustpilot: TrustpilotStandIn, overrides: Record<string, string> = {}) {
    return {
      ...trustpilot.env,
      TRUSTPILOT_RETRY_DELAYS_MS: '50,100,200',
      TRUSTPILOT_SWEEP_MS: '50',
      ...overrides,
    };
  }

  /** Stops the service and starts it again on the same database and consumer group. */
  async restart(overrides: Record<string, string> = {}): Promise<void> {
    await this.service.restart(ReviewsFixture.settings(this.trustpilot, overrides));
  }

  signup(): Promise<SignedIn> {
    return this.service.directory.signup();
  }

  async close(): Promise<void> {
    await this.service.close();
    await this.trustpilot.stop();
  }

  api(admin: SignedIn) {
    const url = `${this.service.service.url}/api/integrations/trustpilot`;
    const auth = bearer(admin.accessToken);
    return {
      get: (path = '') => request(url).get(path).set(auth),
      put: (body: object) => request(url).put('').set(auth).send(body),
      delete: () => request(url).delete('').set(auth),
      post: (path: string) => request(url).post(path).set(auth).send({}),
    };
  }

  /** Connects the admin's workspace to a new business of the stand-in. */
  async connect(admin: SignedIn, settings: object = {}): Promise<Business> {
    const business = this.trustpilot.addBusiness();
    await this.api(admin)
      .put({
        businessUnitId: business.businessUnitId,
        apiKey: business.apiKey,
        apiSecret: business.apiSecret,
        templateId: business.templateId,
        locale: 'en-US',
        senderName: 'Acme Support',
        replyTo: 'support@acme.example',
        ...settings,
      })
      .expect(200);
    return business;
  }

  /** A visitor's conversation, opened as chat announces it; answers the room id and visitor. */
  async openRoom(
    admin: SignedIn,
    visitor = { name: 'Ana Visitor', email: uniqueEmail('visitor') },
    roomId: string = randomUUID(),
  ) {
    const eventId = await this.service.publish(ChatroomCreatedV1, admin.tenant.id, {
      roomId,
      chatbotId: 'chatbot-1',
      displayId: 1,
      visitor: { ...visitor, ip: '203.0.113.7', browser: {} },
      answers: {},
      createdAt: new Date().toISOString(),
    });
    // The close is read from another topic: it could overtake the creation otherwise.
    await this.handled('onRoomCreated', eventId);
    return { roomId, visitor };
  }

  closeRoom(admin: SignedIn, roomId: string, reason: CloseReason = 'resolved'): Promise<string> {
    const now = new Date().toISOString();
    return this.service.publish(ChatroomClosedV1, admin.tenant.id, {
      roomId,
      chatbotId: 'chatbot-1',
      reason,
      agentId: 'agent-1',
      closedBy: 'agent',
      createdAt: now,
      closedAt: now,
    });
  }

  rate(admin: SignedIn, roomId: string, rating: 1 | 2 | 3 | 4 | 5, revision = 1): Promise<string> {
    const now = new Date().toISOString();
    return this.service.publish(CsatRatedV1, admin.tenant.id, {
      roomId,
      chatbotId: 'chatbot-1',
      revision,
      rating,
      hasComment: false,
      via: 'widget',
      agentId: 'agent-1',
      teamId: null,
      closedAt: now,
      ratedAt: now,
      replaces: null,
    });
  }

  intercomClosed(
    admin: SignedIn,
    conversation: { id: string; roomId: string | null; email: string | null; name?: string },
  ): Promise<string> {
    return this.service.publish(IntercomConversationClosedV1, admin.tenant.id, {
      intercomConversationId: conversation.id,
      roomId: conversation.roomId,
      chatbotId: null,
      contact: { email: conversation.email, name: conversation.name ?? 'Ivy Intercom' },
      closedBy: { id: '991267596', name: 'Ciaran Lee' },
      closedAt: new Date().toISOString(),
    });
  }

  /** Waits until the service has handled the event (its effects, if any, are made). */
  async handled(handler: string, eventId: string): Promise<void> {
    await eventually(async () =>
      expect(
        await this.service.service.db
          .collection('processed_events')
          .findOne({ _id: `ReviewEventsController.${handler}:${eventId}` as never }),
      ).not.toBeNull(),
    );
  }

  /** The workspace's invitation log, newest first. */
  async log(admin: SignedIn): Promise<Invitation[]> {
    const page = await this.api(admin).get('/invitations?limit=200').expect(200);
    return page.body.invitations as Invitation[];
  }

  /** Waits until the conversation's invitation is in the log with `status`; answers it. */
  async invitationOf(admin: SignedIn, conversationId: string, status: string): Promise<Invitation> {
    return eventually(async () => {
      const found = (await this.log(admin)).find(
        (entry) => entry.conversationId === conversationId,
      );
      expect(found?.status).toBe(status);
      return found!;
    });
  }

  /** The invitations Trustpilot accepted for a conversation. */
  acceptedFor(conversationId: string) {
    return this.trustpilot.accepted.filter((sent) => sent.body.referenceNumber === conversationId);
  }
}
