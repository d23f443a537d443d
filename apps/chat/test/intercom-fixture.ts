import { type IntercomScope } from '@app/contracts';
import {
  bearer,
  eventually,
  IntercomStandIn,
  type SignedIn,
  type StandInConversation,
  type TestChatbot,
  uniqueSuffix,
} from '@app/testing';
import request from 'supertest';
import { ChatFixture, type ChatSocket, Inbox } from './chat-fixture';

/**
 * Chat with the Intercom stand-in as its Intercom: tenants that connect it, bridged
 * conversations started by visitors, and Intercom's side (replies, closes, notifications).
 */
export class IntercomFixture {
  private constructor(
    readonly chat: ChatFixture,
    readonly intercom: IntercomStandIn,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<IntercomFixture> {
    const intercom = await IntercomStandIn.start();
    const chat = await ChatFixture.start({
      overrides: {
        INTERCOM_API_URL: intercom.url,
        INTERCOM_RETRY_BASE_MS: '50',
        INTERCOM_TIMEOUT_MS: '2000',
        // The polling fallback looks often, at conversations quiet for a little while.
        INTERCOM_POLL_INTERVAL_MS: '250',
        INTERCOM_POLL_QUIET_MS: '1500',
        ...overrides,
      },
    });
    return new IntercomFixture(chat, intercom);
  }

  async close(): Promise<void> {
    await this.chat.close();
    await this.intercom.stop();
  }

  connect(
    admin: SignedIn,
    body: Partial<{
      accessToken: string;
      clientSecret: string;
      scope: Partial<IntercomScope>;
    }> = {},
  ) {
    return request(this.chat.chat.url)
      .put('/api/chat/integrations/intercom')
      .set(bearer(admin.accessToken))
      .send({
        accessToken: this.intercom.accessToken,
        clientSecret: this.intercom.clientSecret,
        ...body,
        scope: { allChatbots: true, ...body.scope },
      });
  }

  status(admin: SignedIn) {
    return request(this.chat.chat.url)
      .get('/api/chat/integrations/intercom')
      .set(bearer(admin.accessToken));
  }

  /** Chat's webhook address for a tenant (what the status shows, without the public host). */
  webhookUrl(tenantId: string): string {
    return `${this.chat.chat.url}/api/chat/integrations/intercom/webhooks/${tenantId}`;
  }

  /** A tenant that connected the stand-in, with a chatbot. */
  async connectedTenant(): Promise<{ admin: SignedIn; chatbot: TestChatbot }> {
    const tenant = await this.chat.tenantWithChatbot();
    await this.connect(tenant.admin).expect(200);
    return tenant;
  }

  /**
   * A visitor of the chatbot who wrote `firstMessage`, and the Intercom conversation it started
   * (once the bridge forwarded it).
   */
  async bridgedConversation(
    chatbot: TestChatbot,
    firstMessage = 'Where is my order?',
  ): Promise<{
    roomId: string;
    email: string;
    visitorToken: string;
    visitor: ChatSocket;
    inbox: Inbox;
    conversation: StandInConversation;
  }> {
    const email = `visitor-${uniqueSuffix()}@example.test`;
    const session = await this.chat
      .openSession(chatbot, { email, name: 'Vera Visitor' })
      .expect(201);
    const { roomId, visitorToken } = session.body as { roomId: string; visitorToken: string };
    const visitor = await this.chat.visitor(visitorToken);
    const inbox = new Inbox(visitor);
    await visitor.emitWithAck('message:send', { clientMessageId: 'v-1', body: firstMessage });
    const conversation = await eventually(() => {
      const found = this.intercom.conversationOf(email);
      if (!found) throw new Error(`no Intercom conversation for ${email} yet`);
      return found;
    });
    return { roomId, email, visitorToken, visitor, inbox, conversation };
  }

  /** The agent messages (Intercom's replies) the visitor's socket received. */
  static agentBodies(inbox: Inbox): string[] {
    return inbox.messages
      .filter((message) => message.sender.type === 'agent')
      .map((message) => message.body);
  }
}
