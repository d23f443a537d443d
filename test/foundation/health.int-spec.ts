import { startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { integrationsService } from '../../apps/integrations/src/integrations.service-definition';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';

describe('GET /api/<service>/health', () => {
  const started: TestService<unknown>[] = [];

  afterAll(async () => {
    await Promise.all(started.map((service) => service.close()));
  });

  it.each([
    ['tenant', tenantService, ['kafka', 'mongo', 'redis']],
    ['analytics', analyticsService, ['kafka', 'mongo', 'redis']],
    ['email', emailService, ['kafka', 'mongo', 'redis']],
    ['integrations', integrationsService, ['kafka', 'mongo', 'redis']],
    // The object store is chat's too, but not critical: chat goes on without files.
    ['chat', chatService, ['kafka', 'mongo', 'redis', 'storage']],
  ] as const)(
    'answers 200 from %s with the state of each dependency',
    async (name, definition, deps) => {
      const service = await startTestService(definition as never);
      started.push(service);

      const response = await request(service.url).get(`/api/${name}/health`).expect(200);

      expect(response.body.status).toBe('ok');
      expect(Object.keys(response.body.checks).sort()).toEqual([...deps]);
      for (const dependency of deps) expect(response.body.checks[dependency].status).toBe('up');
      expect(response.body.checks.kafka.brokers).toBeGreaterThanOrEqual(1);
    },
  );

  it('answers 503 naming Redis when chat cannot reach it, and the others stay up', async () => {
    // Nothing listens on port 1 of the loopback: a Redis that is down.
    const service = await startTestService(chatService, { REDIS_URL: 'redis://127.0.0.1:1' });
    started.push(service);

    const response = await request(service.url).get('/api/chat/health').expect(503);

    expect(response.body.status).toBe('error');
    expect(response.body.checks.redis.status).toBe('down');
    expect(response.body.checks.mongo.status).toBe('up');
    expect(response.body.checks.kafka.status).toBe('up');
  });
});
