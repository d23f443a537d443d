import { bearer, eventually, uniqueEmail } from '@app/testing';
import request from 'supertest';
import { type FuzzedService } from './fuzz-settings';

/** The ids a fuzz run may put into `{id}` path parameters, by service. */
export type KnownIds = Record<FuzzedService, string[]>;

export interface FuzzData {
  ids: KnownIds;
  /** The seeded room's visitor, for the routes a visitor calls. */
  visitorToken: string;
}

const SITE = 'https://fuzz.parley.test';

/**
 * Gives the admin's workspace something to find, through the services' own APIs: a chatbot, an
 * invited agent (whose invitation email the email service records) and a visitor's room. Random
 * ids only ever reach the 404 branch; these let the fuzzer reach the answers with a body.
 */
export async function seedFuzzData(
  urls: Record<keyof KnownIds, string>,
  admin: { accessToken: string; user: { id: string }; tenant: { id: string } },
): Promise<FuzzData> {
  const auth = bearer(admin.accessToken);
  const chatbot = await request(urls.tenant)
    .post('/api/tenant/chatbots')
    .set(auth)
    .send({ name: 'Fuzz', allowedOrigins: [SITE] })
    .expect(201);
  const invited = await request(urls.tenant)
    .post('/api/tenant/agents/invitations')
    .set(auth)
    .send({ email: uniqueEmail('fuzz'), name: 'Fuzz Agent' })
    .expect(201);
  const roles = await request(urls.tenant).get('/api/tenant/roles').set(auth).expect(200);
  // The integrations service learns the admin's permissions from the token alone.
  const webhook = await request(urls.integrations)
    .post('/api/integrations/webhooks')
    .set(auth)
    .send({ url: 'https://hooks.fuzz.parley.test/parley', events: ['*'] })
    .expect(201);
  // Chat and email learn of the chatbot and the invitation from Kafka.
  const session = await eventually(() =>
    request(urls.chat)
      .post('/api/chat/widget/sessions')
      .set('Origin', SITE)
      .send({
        tenantId: admin.tenant.id,
        chatbotId: chatbot.body.id,
        apiKey: chatbot.body.apiKey,
        name: 'Fuzz Visitor',
        email: uniqueEmail('visitor'),
      })
      .expect(201),
  );
  const notifications = await eventually(
    async () => {
      const page = await request(urls.email).get('/api/email/notifications').set(auth).expect(200);
      expect(page.body.notifications.length).toBeGreaterThan(0);
      return page.body.notifications as { id: string }[];
    },
    { timeoutMs: 60_000 },
  );
  return {
    ids: {
      tenant: [
        admin.user.id,
        invited.body.id,
        chatbot.body.id,
        ...roles.body.roles.map((role: { id: string }) => role.id),
      ],
      chat: [session.body.roomId],
      analytics: [],
      email: notifications.map((notification) => notification.id),
      integrations: [webhook.body.id as string],
    },
    visitorToken: session.body.visitorToken,
  };
}
