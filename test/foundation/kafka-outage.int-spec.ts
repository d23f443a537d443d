import { eventually, infra, someIp, startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { TenantSummariesRepository } from '../../apps/analytics/src/tenants/tenant-summaries.repository';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';

describe('while Kafka is down', () => {
  let tenant: TestService<unknown>;
  let analytics: TestService<unknown>;

  beforeAll(async () => {
    [tenant, analytics] = await Promise.all([
      startTestService(tenantService),
      startTestService(analyticsService),
    ]);
  });

  afterAll(async () => {
    infra('up', 'kafka');
    await Promise.all([tenant?.close(), analytics?.close()]);
  });

  it('reports 503 naming Kafka, keeps new events, and delivers them when Kafka is back', async () => {
    infra('down', 'kafka');

    const health = await eventually(() =>
      request(tenant.url).get('/api/tenant/health').expect(503),
    );
    expect(health.body.checks.kafka.status).toBe('down');
    expect(health.body.checks.mongo.status).toBe('up');

    // A sign-up succeeds while the broker is away: its events wait in the outbox.
    const signup = await request(tenant.url)
      .post('/api/tenant/auth/signup')
      // An address of its own: the sign-up limit per address outlives a test run.
      .set('X-Forwarded-For', someIp())
      .send({
        tenantName: 'Published During Outage',
        name: 'K',
        email: `k-${Date.now()}@example.test`,
        password: 'long enough 1',
      })
      .expect(201);
    const created = signup.body.tenant;
    const waiting = await request(tenant.url).get('/api/tenant/health').expect(503);
    expect(waiting.body.checks.kafka.outbox.pending).toBeGreaterThanOrEqual(2);

    infra('up', 'kafka');

    await eventually(() => request(tenant.url).get('/api/tenant/health').expect(200), {
      timeoutMs: 60000,
    });
    const summaries = analytics.app.get(TenantSummariesRepository);
    await eventually(
      async () => expect((await summaries.find(created.id))?.name).toBe('Published During Outage'),
      { timeoutMs: 90000 },
    );
    const drained = await request(tenant.url).get('/api/tenant/health').expect(200);
    expect(drained.body.checks.kafka.outbox.pending).toBe(0);
    expect(await tenant.db.collection('outbox').countDocuments()).toBe(0);
  }, 180000);
});
