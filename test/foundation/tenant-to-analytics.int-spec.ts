import { TenantCreatedV1 } from '@app/contracts';
import { eventually, someIp, startTestService, type TestService, TopicProbe } from '@app/testing';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { TenantSummariesRepository } from '../../apps/analytics/src/tenants/tenant-summaries.repository';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';
import request from 'supertest';

describe('a tenant created in the tenant service reaches analytics through Kafka', () => {
  let tenant: TestService<unknown>;
  let analytics: TestService<unknown>;
  let probe: TopicProbe;

  beforeAll(async () => {
    // Services create the topics at start-up; the probe subscribes after them.
    [tenant, analytics] = await Promise.all([
      startTestService(tenantService),
      startTestService(analyticsService),
    ]);
    probe = await TopicProbe.start([TenantCreatedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), analytics?.close(), probe?.stop()]);
  });

  it('publishes tenant.tenant.created.v1 keyed by tenant and analytics records the tenant', async () => {
    const signup = await request(tenant.url)
      .post('/api/tenant/auth/signup')
      // An address of its own: the sign-up limit per address outlives a test run.
      .set('X-Forwarded-For', someIp())
      .send({
        tenantName: 'Acme Bikes',
        name: 'Ada',
        email: `ada-${Date.now()}@example.test`,
        password: 'long enough 1',
      })
      .expect(201);
    const created = signup.body.tenant;

    const message = await probe.waitFor((received) => received.key === created.id);
    const envelope = JSON.parse(message.value);
    expect(message.topic).toBe('tenant.tenant.created.v1');
    expect(envelope).toMatchObject({
      type: 'tenant.tenant.created',
      version: 1,
      tenantId: created.id,
      payload: { tenantId: created.id, name: 'Acme Bikes' },
    });

    const summaries = analytics.app.get(TenantSummariesRepository);
    const summary = await eventually(async () => {
      const found = await summaries.find(created.id);
      if (!found) throw new Error('analytics has not recorded the tenant yet');
      return found;
    });
    expect(summary).toEqual({
      tenantId: created.id,
      name: 'Acme Bikes',
      signedUpAt: new Date(envelope.payload.createdAt),
    });
  });

  it('empties the outbox once Kafka has the event', async () => {
    await request(tenant.url)
      .post('/api/tenant/auth/signup')
      // An address of its own: the sign-up limit per address outlives a test run.
      .set('X-Forwarded-For', someIp())
      .send({
        tenantName: 'Outbox Drained',
        name: 'O',
        email: `o-${Date.now()}@example.test`,
        password: 'long enough 1',
      })
      .expect(201);
    await eventually(async () => {
      expect(await tenant.db.collection('outbox').countDocuments()).toBe(0);
    });
  });
});
