import { bearer, eventually, startTestService, type TestService, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { connectSocket } from '../../apps/chat/test/chat-fixture';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { type SignedUp, TenantFixture } from '../../apps/tenant/test/tenant-fixture';

/**
 * A workspace's API token is how its backend calls Parley: the real tenant service hands it out,
 * and chat, analytics and email, each started for real on the shared Redis, admit it with the
 * permissions it was given, log each use, and refuse it the moment it is revoked.
 */
describe('an API token, in every service', () => {
  let tenant: TenantFixture;
  let chat: TestService<unknown>;
  let analytics: TestService<unknown>;
  let email: TestService<unknown>;
  let admin: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    const jwks = { JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json` };
    [chat, analytics, email, admin] = await Promise.all([
      startTestService(chatService, jwks),
      startTestService(analyticsService, jwks),
      startTestService(emailService, jwks),
      tenant.signup(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([chat?.close(), analytics?.close(), email?.close(), tenant?.close()]);
  });

  const createToken = async (permissions: string[]) =>
    (
      await request(tenant.url)
        .post('/api/tenant/api-tokens')
        .set(bearer(admin.accessToken))
        .send({ name: `Backend ${uniqueSuffix()}`, permissions })
        .expect(201)
    ).body as { id: string; token: string };

  /** A call of each service's API that needs one permission. */
  const calls = (token: string) => ({
    tenant: () => request(tenant.url).get('/api/tenant/agents').set(bearer(token)),
    chat: () => request(chat.url).get('/api/chat/rooms?limit=10').set(bearer(token)),
    analytics: () => request(analytics.url).get('/api/analytics/overview').set(bearer(token)),
    email: () => request(email.url).get('/api/email/notifications').set(bearer(token)),
  });

  const statuses = async (token: string) => {
    const answers: Record<string, { status: number; code?: string }> = {};
    for (const [service, call] of Object.entries(calls(token))) {
      const answer = await call();
      answers[service] = { status: answer.status, code: answer.body.code };
    }
    return answers;
  };

  it('is admitted by every service with its permissions, and refused by all the moment it is revoked', async () => {
    const { id, token } = await createToken([
      'agents:manage',
      'chats:join',
      'analytics:view',
      'notifications:manage',
    ]);
    const chatHistory = await calls(token).chat().expect(200);
    expect(chatHistory.body).toEqual({ rooms: [], nextCursor: null });
    expect(await statuses(token)).toEqual({
      tenant: { status: 200 },
      chat: { status: 200 },
      analytics: { status: 200 },
      email: { status: 200 },
    });

    const uses = await eventually(async () => {
      const answer = await request(tenant.url)
        .get(`/api/tenant/api-tokens/${id}/usage`)
        .set(bearer(admin.accessToken))
        .expect(200);
      expect(answer.body.uses).toHaveLength(5);
      return answer.body.uses as { service: string; path: string; status: number }[];
    });
    expect(uses.map(({ service, path, status }) => ({ service, path, status }))).toEqual([
      { service: 'email', path: '/api/email/notifications', status: 200 },
      { service: 'analytics', path: '/api/analytics/overview', status: 200 },
      { service: 'chat', path: '/api/chat/rooms', status: 200 },
      { service: 'tenant', path: '/api/tenant/agents', status: 200 },
      { service: 'chat', path: '/api/chat/rooms', status: 200 },
    ]);

    await request(tenant.url)
      .delete(`/api/tenant/api-tokens/${id}`)
      .set(bearer(admin.accessToken))
      .expect(204);
    const refused = { status: 401, code: 'invalid_api_token' };
    expect(await statuses(token)).toEqual({
      tenant: refused,
      chat: refused,
      analytics: refused,
      email: refused,
    });
  });

  it('is refused where it lacks the permission, a made-up one everywhere', async () => {
    const { token } = await createToken(['chats:join']);
    const answers = await statuses(token);
    expect(answers.chat).toEqual({ status: 200 });
    for (const service of ['tenant', 'analytics', 'email'])
      expect({ service, status: answers[service].status }).toEqual({ service, status: 403 });

    const madeUp = `prl_${'x'.repeat(43)}`;
    for (const [service, answer] of Object.entries(await statuses(madeUp)))
      expect({ service, ...answer }).toEqual({ service, status: 401, code: 'invalid_api_token' });
  });

  it('cannot act as a person: no agent socket, no "my chats", no report subscription', async () => {
    const { token } = await createToken(['chats:join', 'analytics:view']);
    await expect(connectSocket(chat.url, 'agent', { token })).rejects.toThrow('unauthorized');
    for (const call of [
      request(chat.url).get('/api/chat/rooms/mine').set(bearer(token)),
      request(analytics.url).get('/api/analytics/reports/subscription').set(bearer(token)),
    ]) {
      const refused = await call.expect(403);
      expect(refused.body.code).toBe('api_token_not_allowed');
    }
  });
});
