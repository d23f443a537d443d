import { eventually, type SignedIn } from '@app/testing';
import { TEST_NAMES, WebhooksFixture } from './webhooks-fixture';

describe('webhook endpoints', () => {
  let fixture: WebhooksFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    fixture = await WebhooksFixture.start({ WEBHOOK_ENDPOINTS_PER_TENANT: '3' });
  });
  afterAll(() => fixture?.close());
  beforeEach(async () => {
    admin = await fixture.directory.signup();
  });

  it('shows the whsec_ secret once, at creation, and keeps it sealed', async () => {
    const api = fixture.api(admin.accessToken);
    const created = await api
      .post('/webhooks', {
        url: 'http://127.0.0.1:9/hooks',
        events: ['chat.message.sent.v1', 'chat.csat.rated.v1'],
        description: 'CRM sync',
      })
      .expect(201);

    expect(created.body).toMatchObject({
      url: 'http://127.0.0.1:9/hooks',
      events: ['chat.message.sent.v1', 'chat.csat.rated.v1'],
      description: 'CRM sync',
      enabled: true,
      disabledReason: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const { secret, id } = created.body as { secret: string; id: string };
    const listed = await api.get('/webhooks').expect(200);
    const one = await api.get(`/webhooks/${id}`).expect(200);
    for (const answer of [listed.text, one.text]) expect(answer).not.toContain(secret);
    expect(one.body).not.toHaveProperty('secret');
    const stored = await fixture.service.db
      .collection('webhook_endpoints')
      .findOne({ _id: id } as never);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('answers 400 naming the field for a URL or event list it cannot take', async () => {
    const api = fixture.api(admin.accessToken);
    const refusals: Array<[object, string]> = [
      [{ url: 'ftp://127.0.0.1/hooks', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'http://user:pass@127.0.0.1/hooks', events: ['*'] }, 'url'],
      [{ url: 'http://127.0.0.1/hooks', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1/hooks', events: ['chat.message.deleted.v1'] }, 'events.0'],
      [{ url: 'http://127.0.0.1/hooks', events: ['*', 'chat.message.sent.v1'] }, 'events'],
      [{ url: 'http://127.0.0.1/hooks', events: ['*'], secret: 'mine' }, 'secret'],
    ];
    for (const [body, field] of refusals) {
      const answer = await api.post('/webhooks', body).expect(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['a name that resolves to 10.0.0.1', `https://${TEST_NAMES.internal}/hooks`],
    ['a private address', 'http://10.0.0.1/hooks'],
    ['an IPv4-mapped private address', 'http://[::ffff:10.0.0.1]/hooks'],
    ['the IPv6 metadata address', 'http://[fd00:ec2::254]/hooks'],
    ['an unspecified address', 'http://0.0.0.0/hooks'],
  ])('refuses %s with 400 url_not_allowed', async (_what, url) => {
    const answer = await fixture
      .api(admin.accessToken)
      .post('/webhooks', { url, events: ['*'] })
      .expect(400);
    expect(answer.body).toMatchObject({
      code: 'url_not_allowed',
      errors: [{ field: 'url', message: expect.any(String) }],
    });
  });

  it('refuses a URL changed to an address it may not reach', async () => {
    const { id } = await fixture.endpoint(admin, 'http://127.0.0.1:9/hooks');
    const answer = await fixture
      .api(admin.accessToken)
      .patch(`/webhooks/${id}`, { url: 'http://169.254.169.254/' })
      .expect(400);
    expect(answer.body.code).toBe('url_not_allowed');
  });

  it('lets only holders of integrations:manage see or change webhooks', async () => {
    const { id } = await fixture.endpoint(admin, 'http://127.0.0.1:9/hooks');
    const agent = await fixture.directory.agent(admin);
    const api = fixture.api(agent.accessToken);
    await api.get('/webhooks').expect(403);
    await api.post('/webhooks', { url: 'http://127.0.0.1:9/x', events: ['*'] }).expect(403);
    await api.post(`/webhooks/${id}/rotate-secret`).expect(403);
    await api.get(`/webhooks/${id}/deliveries`).expect(403);
  });

  it('hides another workspace’s endpoints: every route answers 404', async () => {
    const { id } = await fixture.endpoint(admin, 'http://127.0.0.1:9/hooks');
    const other = fixture.api((await fixture.directory.signup()).accessToken);
    await other.get(`/webhooks/${id}`).expect(404);
    await other.patch(`/webhooks/${id}`, { description: 'mine now' }).expect(404);
    await other.post(`/webhooks/${id}/rotate-secret`).expect(404);
    await other.post(`/webhooks/${id}/test`).expect(404);
    await other.get(`/webhooks/${id}/deliveries`).expect(404);
    await other.post(`/webhooks/${id}/replay-failed`).expect(404);
    await other.delete(`/webhooks/${id}`).expect(404);
    expect((await other.get('/webhooks').expect(200)).body.webhooks).toEqual([]);
    await fixture.api(admin.accessToken).get(`/webhooks/${id}`).expect(200);
  });

  it('keeps a workspace to its limit of endpoints (409), and frees a place on delete', async () => {
    const api = fixture.api(admin.accessToken);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++)
      ids.push((await fixture.endpoint(admin, `http://127.0.0.1:9/hooks/${index}`)).id);
    const refused = await api
      .post('/webhooks', { url: 'http://127.0.0.1:9/hooks/3', events: ['*'] })
      .expect(409);
    expect(refused.body.code).toBe('limit_reached');
    await api.delete(`/webhooks/${ids[0]}`).expect(204);
    await api.get(`/webhooks/${ids[0]}`).expect(404);
    await api.post('/webhooks', { url: 'http://127.0.0.1:9/hooks/3', events: ['*'] }).expect(201);
  });

  it('rotates the secret: a new one shown once, the old one kept for the overlap', async () => {
    const { id, secret } = await fixture.endpoint(admin, 'http://127.0.0.1:9/hooks');
    const rotated = await fixture
      .api(admin.accessToken)
      .post(`/webhooks/${id}/rotate-secret`)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('checks the address again at each delivery: a name that now resolves inside is refused', async () => {
    const { id } = await fixture.endpoint(admin, `http://${TEST_NAMES.local}:9/hooks`);
    // The name's owner points it at a private address after registration (DNS rebinding).
    await fixture.restart({
      WEBHOOK_DNS_OVERRIDES: `${TEST_NAMES.local}=10.0.0.1`,
    });
    const api = fixture.api(admin.accessToken);
    await api.post(`/webhooks/${id}/test`).expect(202);
    const [delivery] = await eventually(async () => {
      const log = await api.get(`/webhooks/${id}/deliveries`).expect(200);
      expect(log.body.deliveries[0]?.error).toBe('ssrf_blocked');
      return log.body.deliveries;
    });
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: null });
    expect(delivery.attempts).toBeGreaterThanOrEqual(1);
  });
});
