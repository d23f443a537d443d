import { sha256, unseal } from '@app/auth';
import {
  ChatbotCreatedV1,
  ChatbotDeletedV1,
  ChatbotKeyRotatedV1,
  ChatbotUpdatedV1,
  emptyJourney,
  journeyFromPreChatForm,
  preChatFormSchema,
} from '@app/contracts';
import { type z } from 'zod';
import { bearer, TopicProbe } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: chatbots and their API keys', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;
  let admin: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      ChatbotCreatedV1.topic,
      ChatbotUpdatedV1.topic,
      ChatbotKeyRotatedV1.topic,
      ChatbotDeletedV1.topic,
    ]);
    admin = await tenant.signup();
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const api = () => ({
    get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(bearer(admin.accessToken)),
    post: (path: string, body?: object) =>
      tenant.http().post(`/api/tenant${path}`).set(bearer(admin.accessToken)).send(body),
    patch: (path: string, body: object) =>
      tenant.http().patch(`/api/tenant${path}`).set(bearer(admin.accessToken)).send(body),
    delete: (path: string) =>
      tenant.http().delete(`/api/tenant${path}`).set(bearer(admin.accessToken)),
  });
  const eventFor = (
    topic: string,
    chatbotId: string,
    test: (payload: Record<string, unknown>) => boolean = () => true,
  ) =>
    probe.waitFor(
      (message) =>
        message.topic === topic &&
        message.value.includes(chatbotId) &&
        test(JSON.parse(message.value).payload),
    );

  it('creates a chatbot and shows its API key and embed snippet once', async () => {
    const created = await api()
      .post('/chatbots', {
        name: 'Shop help',
        allowedOrigins: ['https://shop.example.com', 'http://localhost:3000'],
      })
      .expect(201);

    expect(created.body).toMatchObject({
      id: expect.any(String),
      tenantId: admin.tenant.id,
      name: 'Shop help',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:3000'],
      appearance: { color: '#2563eb', waitingMessage: 'A live agent will join the chat shortly.' },
      journey: emptyJourney(),
    });
    expect(created.body.apiKey).toMatch(/^pk_[A-Za-z0-9_-]{40,}$/);
    expect(created.body.embedSnippet).toBe(
      `<script src="https://localhost:8443/widget.js" data-tenant-id="${admin.tenant.id}" data-chatbot-id="${created.body.id}" data-api-key="${created.body.apiKey}" async></script>`,
    );

    const fetched = await api().get(`/chatbots/${created.body.id}`).expect(200);
    expect(fetched.body.apiKey).toBeUndefined();
    expect(fetched.body.apiKeyPrefix).toBe(created.body.apiKey.slice(0, 10));
    const listed = await api().get('/chatbots').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.apiKey);

    const event = await eventFor(ChatbotCreatedV1.topic, created.body.id);
    expect(JSON.parse(event.value).payload.apiKeySha256).toBe(sha256(created.body.apiKey));
    expect(event.value).not.toContain(created.body.apiKey);
  });

  it('rotates the key: a new one is shown and its hash announced in place of the old one', async () => {
    const created = await api()
      .post('/chatbots', { name: 'Rotating', allowedOrigins: ['https://a.example'] })
      .expect(201);
    const rotated = await api().post(`/chatbots/${created.body.id}/api-key`).expect(201);

    expect(rotated.body.apiKey).not.toBe(created.body.apiKey);
    expect(rotated.body.embedSnippet).toContain(rotated.body.apiKey);
    await eventFor(
      ChatbotKeyRotatedV1.topic,
      created.body.id,
      (payload) => payload.apiKeySha256 === sha256(rotated.body.apiKey),
    );
  });

  it('revokes the key', async () => {
    const created = await api()
      .post('/chatbots', { name: 'Revoked', allowedOrigins: ['https://a.example'] })
      .expect(201);
    const revoked = await api().delete(`/chatbots/${created.body.id}/api-key`).expect(200);
    expect(revoked.body.apiKeyPrefix).toBeNull();
    await eventFor(
      ChatbotKeyRotatedV1.topic,
      created.body.id,
      (payload) => payload.apiKeySha256 === null,
    );
  });

  it('updates appearance, origins and (deprecated) the pre-chat form, and announces the change', async () => {
    const created = await api()
      .post('/chatbots', { name: 'Form', allowedOrigins: ['https://a.example'] })
      .expect(201);
    const form: z.input<typeof preChatFormSchema> = {
      fields: [
        {
          id: 'topic',
          label: 'What is it about?',
          type: 'single-choice',
          required: true,
          options: ['Billing', 'Bug'],
        },
        { id: 'order_number', label: 'Order number', type: 'text' },
      ],
    };
    const updated = await api()
      .patch(`/chatbots/${created.body.id}`, {
        appearance: {
          color: '#10b981',
          greeting: 'Hello!',
          waitingMessage: 'Hang on, a human is coming.',
        },
        preChatForm: form,
      })
      .expect(200);
    // A flat form is saved as the linear journey it amounts to, as the next version.
    expect(updated.body.journey).toEqual(journeyFromPreChatForm(preChatFormSchema.parse(form), 2));
    const event = await eventFor(ChatbotUpdatedV1.topic, created.body.id, (payload) =>
      JSON.stringify(payload).includes('Hang on, a human is coming.'),
    );
    // Consumers from before journeys still get the linear journey as the flat form it was.
    expect(JSON.parse(event.value).payload.preChatForm).toEqual(preChatFormSchema.parse(form));
  });

  it('keeps an identity secret sealed, shows it to admins, and announces it only sealed', async () => {
    const created = await api()
      .post('/chatbots', { name: 'Verified', allowedOrigins: ['https://a.example'] })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      identityVerification: false,
      requireVerifiedIdentity: false,
    });
    const missing = await api()
      .patch(`/chatbots/${id}`, { requireVerifiedIdentity: true })
      .expect(409);
    expect(missing.body.code).toBe('identity_secret_missing');
    await api().get(`/chatbots/${id}/identity-secret`).expect(409);

    const { identitySecret } = (await api().post(`/chatbots/${id}/identity-secret`).expect(201))
      .body;
    expect(identitySecret).toMatch(/^is_[\w-]{43}$/);
    expect((await api().get(`/chatbots/${id}/identity-secret`).expect(200)).body).toEqual({
      identitySecret,
    });
    expect(
      (await api().patch(`/chatbots/${id}`, { requireVerifiedIdentity: true }).expect(200)).body,
    ).toMatchObject({ identityVerification: true, requireVerifiedIdentity: true });

    const announced = await eventFor(
      ChatbotUpdatedV1.topic,
      id,
      (payload) => payload.requireVerifiedIdentity === true,
    );
    expect(announced.value).not.toContain(identitySecret);
    const sealed = JSON.parse(announced.value).payload.identitySecretSealed;
    expect(unseal(sealed, tenant.service.config.NOTIFICATION_SEAL_KEY, 'identity-secret')).toBe(
      identitySecret,
    );
    const stored = await tenant.service.db.collection('chatbots').findOne({ _id: id } as never);
    expect(JSON.stringify(stored)).not.toContain(identitySecret);

    // An agent (no chatbots:manage) may not read it.
    const { signedIn: agent } = await tenant.inviteAgent(admin);
    await tenant
      .http()
      .get(`/api/tenant/chatbots/${id}/identity-secret`)
      .set(bearer(agent.accessToken))
      .expect(403);

    expect((await api().delete(`/chatbots/${id}/identity-secret`).expect(200)).body).toMatchObject({
      identityVerification: false,
      requireVerifiedIdentity: false,
    });
  });

  it('deletes a chatbot', async () => {
    const created = await api()
      .post('/chatbots', { name: 'Gone', allowedOrigins: ['https://a.example'] })
      .expect(201);
    await api().delete(`/chatbots/${created.body.id}`).expect(204);
    await api().get(`/chatbots/${created.body.id}`).expect(404);
    await api().delete(`/chatbots/${created.body.id}`).expect(404);
    await eventFor(ChatbotDeletedV1.topic, created.body.id);
  });

  it.each([
    [{ name: 'x', allowedOrigins: ['https://shop.example.com/path'] }, 'allowedOrigins.0'],
    [{ name: 'x', allowedOrigins: ['javascript:alert(1)'] }, 'allowedOrigins.0'],
    [{ name: 'x', allowedOrigins: [] }, 'allowedOrigins'],
    [{ name: '', allowedOrigins: ['https://a.example'] }, 'name'],
    [
      { name: 'x', allowedOrigins: ['https://a.example'], appearance: { color: 'red' } },
      'appearance.color',
    ],
    [
      {
        name: 'x',
        allowedOrigins: ['https://a.example'],
        preChatForm: { fields: [{ id: 'Bad Id', label: 'l', type: 'text' }] },
      },
      'preChatForm.fields.0.id',
    ],
    [{ name: 'x', allowedOrigins: ['https://a.example'], apiKey: 'pk_mine' }, 'apiKey'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    const response = await api().post('/chatbots', body).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
