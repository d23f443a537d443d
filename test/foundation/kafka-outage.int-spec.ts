import { eventually, infra, startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { TenantSummariesRepository } from '../../apps/analytics/src/tenants/tenant-summaries.repository';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';
import { TenantsService } from '../../apps/tenant/src/tenants/tenants.service';

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

    // Accepted while the broker is away: the event waits in the outbox.
    const created = await tenant.app.get(TenantsService).create('Published During Outage');
    expect(await tenant.db.collection('outbox_events').countDocuments()).toBe(1);

    infra('up', 'kafka');

    await eventually(() => request(tenant.url).get('/api/tenant/health').expect(200), {
      timeoutMs: 60000,
    });
    const summaries = analytics.app.get(TenantSummariesRepository);
    await eventually(
      async () => expect((await summaries.find(created.id))?.name).toBe('Published During Outage'),
      { timeoutMs: 90000 },
    );
    expect(await tenant.db.collection('outbox_events').countDocuments()).toBe(0);
  }, 180000);
});
