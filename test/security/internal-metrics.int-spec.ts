import { startNginx, type TestNginx } from '@app/testing';
import { ChatFixture } from '../../apps/chat/test/chat-fixture';

/**
 * `/internal/metrics/event-loop` is for whoever runs the process: on the service's own port it
 * answers, through the public edge it must not, however the path is dressed up.
 */
describe('the internal metrics, from outside', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    nginx = await startNginx({ tenant: fixture.tokens.url, chat: [fixture.chat.url] });
  });

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.close();
  });

  it('answers on the service’s own port', async () => {
    const answer = await fetch(`${fixture.chat.url}/internal/metrics/event-loop`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ p99Ms: expect.any(Number) });
  });

  it('is not served through nginx, by its path or one that climbs out of a proxied prefix', async () => {
    const answers = [];
    for (const path of [
      '/internal/metrics/event-loop',
      '/api/chat/../../internal/metrics/event-loop',
      '/api/chat/%2e%2e/%2e%2e/internal/metrics/event-loop',
      '/api/chat/..%2f..%2finternal/metrics/event-loop',
    ]) {
      const answer = await fetch(`${nginx.url}${path}`);
      answers.push({
        path,
        served: answer.status === 200,
        leaked: (await answer.text()).includes('p99Ms'),
      });
    }
    expect(answers.filter((answer) => answer.served || answer.leaked)).toEqual([]);
  });

  it('refuses a caller that came through a proxy even on the service’s port', async () => {
    const answer = await fetch(`${fixture.chat.url}/internal/metrics/event-loop`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(answer.status).toBe(404);
  });
});
