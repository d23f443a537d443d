import {
  bearer,
  describeTenantIsolation,
  UNSCOPED_CONSUMER_MODELS,
  UNSCOPED_OUTBOX_MODELS,
  uniqueEmail,
} from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant isolation', () => {
  let tenant: TenantFixture;
  let alice: SignedUp;
  let bob: SignedUp;
  let alicesChatbot: string;
  let alicesAgent: string;
  let alicesRole: string;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    [alice, bob] = await Promise.all([tenant.signup('Alice Inc'), tenant.signup('Bob Ltd')]);
    const headers = bearer(alice.accessToken);
    alicesChatbot = (
      await tenant
        .http()
        .post('/api/tenant/chatbots')
        .set(headers)
        .send({ name: 'A', allowedOrigins: ['https://a.example'] })
    ).body.id;
    alicesAgent = (
      await tenant
        .http()
        .post('/api/tenant/agents/invitations')
        .set(headers)
        .send({ email: uniqueEmail(), name: 'A' })
    ).body.id;
    alicesRole = (
      await tenant.http().post('/api/tenant/roles').set(headers).send({ name: 'Alice role' })
    ).body.id;
  });

  afterAll(async () => {
    await tenant?.close();
  });

  const asBob = (
    method: 'get' | 'patch' | 'delete' | 'post' | 'put',
    path: string,
    body?: object,
  ) => tenant.http()[method](`/api/tenant${path}`).set(bearer(bob.accessToken)).send(body);

  it.each([
    ['get', () => `/chatbots/${alicesChatbot}`, undefined],
    ['patch', () => `/chatbots/${alicesChatbot}`, { name: 'stolen' }],
    ['delete', () => `/chatbots/${alicesChatbot}`, undefined],
    ['post', () => `/chatbots/${alicesChatbot}/api-key`, undefined],
    ['delete', () => `/chatbots/${alicesChatbot}/api-key`, undefined],
    ['get', () => `/agents/${alicesAgent}`, undefined],
    ['patch', () => `/agents/${alicesAgent}`, { name: 'stolen' }],
    ['delete', () => `/agents/${alicesAgent}`, undefined],
    ['get', () => `/roles/${alicesRole}`, undefined],
    ['patch', () => `/roles/${alicesRole}`, { name: 'stolen' }],
    ['put', () => `/roles/${alicesRole}/permissions/agents:manage`, undefined],
    ['delete', () => `/roles/${alicesRole}`, undefined],
  ] as const)('answers 404 to another tenant: %s %s', async (method, path, body) => {
    const response = await asBob(method, path(), body).expect(404);
    expect(response.body.code).toBe('not_found');
  });

  it("leaves the other tenant's data untouched and out of lists", async () => {
    const chatbot = await tenant
      .http()
      .get(`/api/tenant/chatbots/${alicesChatbot}`)
      .set(bearer(alice.accessToken))
      .expect(200);
    expect(chatbot.body.name).toBe('A');
    const bobsLists = await Promise.all(
      ['/chatbots', '/agents', '/roles'].map((path) => asBob('get', path).expect(200)),
    );
    const everything = JSON.stringify(bobsLists.map((response) => response.body));
    for (const id of [alicesChatbot, alicesAgent, alicesRole, alice.user.id])
      expect(everything).not.toContain(id);
  });

  it("cannot assign another tenant's role", async () => {
    const response = await asBob('post', '/agents/invitations', {
      email: uniqueEmail(),
      name: 'X',
      roleIds: [alicesRole],
    }).expect(400);
    expect(response.body.code).toBe('unknown_role');
  });

  describeTenantIsolation(() => tenant.service, {
    Tenant:
      'the tenant itself, `_id` = the tenant id: looked up by the id a token or a sign-up names, not data inside a tenant',
    ...UNSCOPED_OUTBOX_MODELS,
    ...UNSCOPED_CONSUMER_MODELS,
  });
});
