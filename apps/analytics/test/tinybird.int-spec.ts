import { eventually, type SignedIn } from '@app/testing';
import { AnalyticsFixture } from './analytics-fixture';
import { FakeTinybird } from './fake-tinybird';
import { generateDay, type GeneratedDay } from './generated-day';
import { Recomputed } from './recompute';

const DAY_MS = 86_400_000;
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const dayAfter = new Date(day.getTime() + DAY_MS);

describe('analytics with Tinybird configured', () => {
  let tinybird: FakeTinybird;
  let fixture: AnalyticsFixture;
  let admin: SignedIn;
  let generated: GeneratedDay;

  beforeAll(async () => {
    tinybird = await FakeTinybird.start();
    fixture = await AnalyticsFixture.start({
      TINYBIRD_URL: tinybird.url,
      TINYBIRD_TOKEN: tinybird.token,
    });
    admin = await fixture.directory.signup();
    generated = generateDay(admin.tenant.id, day, 60, 7);
  });

  afterAll(async () => {
    await fixture?.close();
    await tinybird?.close();
  });

  it('streams every event through an outage without losing one, then answers from Tinybird', async () => {
    // Tinybird is down, then throttles, when the day's events start flowing.
    tinybird.failNext(3, { status: 503 });
    tinybird.failNext(1, { status: 429, retryAfterSeconds: 1 });
    await fixture.publish(generated.events);

    const published = new Set(generated.events.map((published) => published.event.id));
    await eventually(
      () => {
        const arrived = new Set(tinybird.rows().map((row) => row.event_id));
        const missing = [...published].filter((id) => !arrived.has(id));
        if (missing.length > 0) throw new Error(`${missing.length} events not in Tinybird yet`);
      },
      { timeoutMs: 60_000 },
    );
    const refused = tinybird.requests.filter((request) => request.status >= 429);
    expect(refused.map((request) => request.status)).toEqual([503, 503, 503, 429]);

    const overview = await fixture
      .get(`/overview?from=${day.toISOString()}&to=${dayAfter.toISOString()}`, admin.accessToken)
      .expect(200);
    expect(overview.body).toMatchObject(new Recomputed(generated.events, day, dayAfter).overview());
    const agents = await fixture
      .get(`/agents?from=${day.toISOString()}&to=${dayAfter.toISOString()}`, admin.accessToken)
      .expect(200);
    expect(
      agents.body.agents.map(({ name, online, ...figures }: Record<string, unknown>) => figures),
    ).toEqual(new Recomputed(generated.events, day, dayAfter).agents());
    // The dashboard's reads went to Tinybird's endpoints, with the tenant as a parameter.
    const reads = tinybird.requests.filter((request) => request.path.startsWith('/v0/pipes/'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((request) => request.params.tenant_id === admin.tenant.id)).toBe(true);
  });
});
