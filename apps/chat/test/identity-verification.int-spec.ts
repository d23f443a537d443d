import { identityHash, newIdentitySecret, seal } from '@app/auth';
import { bearer, eventually, type SignedIn, type TestChatbot, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { ChatFixture } from './chat-fixture';

describe('identity verification of widget visitors', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** A chatbot with an identity secret, announced sealed as the tenant service announces it. */
  async function verifyingChatbot(required: boolean) {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const secret = newIdentitySecret();
    await fixture.directory.updateChatbot(chatbot, {
      identitySecretSealed: seal(
        secret,
        fixture.chat.config.NOTIFICATION_SEAL_KEY,
        'identity-secret',
      ),
      requireVerifiedIdentity: required,
    });
    return { admin, chatbot, secret };
  }

  async function visitorOf(admin: SignedIn, roomId: string) {
    return (
      await request(fixture.chat.url)
        .get(`/api/chat/rooms/${roomId}`)
        .set(bearer(admin.accessToken))
        .expect(200)
    ).body.visitor;
  }

  const session = (chatbot: TestChatbot, email: string, identityHash?: string) =>
    request(fixture.chat.url)
      .post('/api/chat/widget/sessions')
      .set('Origin', 'https://shop.example')
      .set('X-Forwarded-For', `203.0.113.${1 + Math.floor(Math.random() * 250)}`)
      .send({
        tenantId: chatbot.tenantId,
        chatbotId: chatbot.id,
        apiKey: chatbot.apiKey,
        name: 'Jane',
        email,
        ...(identityHash ? { identityHash } : {}),
      });

  /** A signed session, once chat has the chatbot's secret (it arrives through Kafka). */
  function signedSession(admin: SignedIn, chatbot: TestChatbot, secret: string) {
    return eventually(async () => {
      const email = `jane-${uniqueSuffix()}@example.test`;
      const { roomId } = (await session(chatbot, email, identityHash(secret, email)).expect(201))
        .body;
      expect(await visitorOf(admin, roomId)).toMatchObject({ verified: true });
      return { roomId: roomId as string, email };
    });
  }

  it("marks a visitor verified whose email the tenant's backend signed", async () => {
    const { admin, chatbot, secret } = await verifyingChatbot(false);
    const { roomId, email } = await signedSession(admin, chatbot, secret);
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(queue.body.rooms).toContainEqual(
      expect.objectContaining({ roomId, visitor: { name: 'Jane', email, verified: true } }),
    );
  });

  it('refuses a forged or missing hash with 403 when the chatbot requires verification', async () => {
    const { chatbot, secret } = await verifyingChatbot(true);
    const victim = `ceo-${uniqueSuffix()}@example.test`;
    // Wait until chat applied the requirement: an unsigned session is then refused.
    const missing = await eventually(() => session(chatbot, victim).expect(403));
    expect(missing.body.code).toBe('identity_not_verified');

    const forged = await session(chatbot, victim, identityHash(newIdentitySecret(), victim));
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('identity_not_verified');
    // Another visitor's signature does not vouch for this email either.
    const borrowed = `me-${uniqueSuffix()}@example.test`;
    await session(chatbot, victim, identityHash(secret, borrowed)).expect(403);

    await session(chatbot, victim, identityHash(secret, victim)).expect(201);
  });

  it('lets an unsigned visitor in where verification is optional, labelled unverified', async () => {
    const { admin, chatbot, secret } = await verifyingChatbot(false);
    await signedSession(admin, chatbot, secret);
    const email = `walk-in-${uniqueSuffix()}@example.test`;

    const unsigned = (await session(chatbot, email).expect(201)).body;
    expect(await visitorOf(admin, unsigned.roomId)).toMatchObject({ email, verified: false });
    const forged = (
      await session(chatbot, email, identityHash(newIdentitySecret(), email)).expect(201)
    ).body;
    expect(await visitorOf(admin, forged.roomId)).toMatchObject({ email, verified: false });
  });

  it('treats a secret it cannot open (sealed under another key) as no verification, not a crash', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const secret = newIdentitySecret();
    await fixture.directory.updateChatbot(chatbot, {
      identitySecretSealed: seal(
        secret,
        'another-deployment-key-of-32-characters!',
        'identity-secret',
      ),
      requireVerifiedIdentity: true,
    });
    const email = `jane-${uniqueSuffix()}@example.test`;
    const refused = await eventually(() =>
      session(chatbot, email, identityHash(secret, email)).expect(403),
    );
    expect(refused.body.code).toBe('identity_not_verified');
  });
});
