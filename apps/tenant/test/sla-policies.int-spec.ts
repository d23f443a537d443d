import { SlaPolicyCreatedV1, SlaPolicyDeletedV1, SlaPolicyUpdatedV1 } from '@app/contracts';
import { bearer, TopicProbe } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: SLA policies', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;
  let admin: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      SlaPolicyCreatedV1.topic,
      SlaPolicyUpdatedV1.topic,
      SlaPolicyDeletedV1.topic,
    ]);
    [admin, other] = await Promise.all([tenant.signup(), tenant.signup()]);
    // Invited with the default Agent role: chats:join, not sla:manage.
    ({ signedIn: agent } = await tenant.inviteAgent(admin));
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const as = (user: { accessToken: string }) => ({
    get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(bearer(user.accessToken)),
    post: (path: string, body?: object) =>
      tenant.http().post(`/api/tenant${path}`).set(bearer(user.accessToken)).send(body),
    patch: (path: string, body: object) =>
      tenant.http().patch(`/api/tenant${path}`).set(bearer(user.accessToken)).send(body),
    delete: (path: string) =>
      tenant.http().delete(`/api/tenant${path}`).set(bearer(user.accessToken)),
  });
  const eventFor = (topic: string, id: string) =>
    probe.waitFor((message) => message.topic === topic && message.value.includes(id));

  it('keeps policies per priority, category and team, announced to chat', async () => {
    const billing = (await as(admin).post('/categories', { name: 'Billing' }).expect(201)).body;
    const sales = (await as(admin).post('/teams', { name: 'Sales' }).expect(201)).body;
    const high = await as(admin)
      .post('/sla-policies', {
        name: 'High',
        priority: 'high',
        firstResponseSeconds: 300,
        resolutionSeconds: 3600,
        escalation: { action: 'raise-priority' },
      })
      .expect(201);
    expect(high.body).toMatchObject({
      id: expect.any(String),
      priority: 'high',
      categoryId: null,
      teamId: null,
      escalation: { action: 'raise-priority' },
    });
    const announced = JSON.parse((await eventFor(SlaPolicyCreatedV1.topic, high.body.id)).value);
    expect(announced.payload).toMatchObject({
      policyId: high.body.id,
      firstResponseSeconds: 300,
      resolutionSeconds: 3600,
    });

    const narrow = await as(admin)
      .post('/sla-policies', {
        name: 'High billing for sales',
        priority: 'high',
        categoryId: billing.id,
        teamId: sales.id,
        firstResponseSeconds: 60,
        resolutionSeconds: 600,
        escalation: { action: 'reassign', agentId: admin.user.id },
      })
      .expect(201);
    // A second policy for the very same rooms is refused: which would apply?
    const same = await as(admin)
      .post('/sla-policies', {
        name: 'Again',
        priority: 'high',
        firstResponseSeconds: 60,
        resolutionSeconds: 600,
      })
      .expect(409);
    expect(same.body.code).toBe('policy_exists');

    await as(admin)
      .patch(`/sla-policies/${narrow.body.id}`, { firstResponseSeconds: 120 })
      .expect(200);
    await eventFor(SlaPolicyUpdatedV1.topic, narrow.body.id);
    const list = (await as(agent).get('/sla-policies').expect(200)).body.slaPolicies;
    expect(list.map((policy: { name: string }) => policy.name)).toEqual([
      'High',
      'High billing for sales',
    ]);

    await as(admin).delete(`/sla-policies/${narrow.body.id}`).expect(204);
    await eventFor(SlaPolicyDeletedV1.topic, narrow.body.id);
  });

  it('answers 400 naming resolutionSeconds when the resolution target is shorter than the first response', async () => {
    const refused = await as(admin)
      .post('/sla-policies', {
        name: 'Backwards',
        priority: 'low',
        firstResponseSeconds: 600,
        resolutionSeconds: 300,
      })
      .expect(400);
    expect(refused.body.message).toContain('resolutionSeconds');
    // The same through a change of one target only.
    const policy = await as(admin)
      .post('/sla-policies', {
        name: 'Low',
        priority: 'low',
        firstResponseSeconds: 600,
        resolutionSeconds: 900,
      })
      .expect(201);
    const changed = await as(admin)
      .patch(`/sla-policies/${policy.body.id}`, { firstResponseSeconds: 1200 })
      .expect(400);
    expect(changed.body.message).toContain('resolutionSeconds');
  });

  it('refuses other bad input by field', async () => {
    const base = {
      name: 'Urgent',
      priority: 'urgent',
      firstResponseSeconds: 60,
      resolutionSeconds: 120,
    };
    const cases: Array<[object, string]> = [
      [{ ...base, firstResponseSeconds: 0 }, 'firstResponseSeconds'],
      [{ ...base, resolutionSeconds: 1.5 }, 'resolutionSeconds'],
      [{ ...base, priority: 'asap' }, 'priority'],
      [{ ...base, categoryId: 'no-such-category' }, 'categoryId'],
      [{ ...base, teamId: 'no-such-team' }, 'teamId'],
      [
        { ...base, escalation: { action: 'reassign', agentId: other.user.id } },
        'escalation.agentId',
      ],
      [{ ...base, escalation: { action: 'panic' } }, 'escalation'],
    ];
    for (const [body, field] of cases) {
      const refused = await as(admin).post('/sla-policies', body).expect(400);
      expect(refused.body.message).toContain(field);
    }
  });

  it('lets only holders of sla:manage change policies, and hides other workspaces’ policies', async () => {
    const body = {
      name: 'Normal',
      priority: 'normal',
      firstResponseSeconds: 60,
      resolutionSeconds: 600,
    };
    await as(agent).post('/sla-policies', body).expect(403);
    const policy = await as(admin).post('/sla-policies', body).expect(201);
    await as(agent).patch(`/sla-policies/${policy.body.id}`, { name: 'Mine' }).expect(403);
    await as(agent).delete(`/sla-policies/${policy.body.id}`).expect(403);

    await as(other).patch(`/sla-policies/${policy.body.id}`, { name: 'Stolen' }).expect(404);
    await as(other).delete(`/sla-policies/${policy.body.id}`).expect(404);
    const theirs = await as(other).get('/sla-policies').expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain(policy.body.id);
  });
});
