import { NotificationRequestedV1 } from '@app/contracts';
import { type SignedIn, TopicProbe } from '@app/testing';
import { DailyReportsService } from '../src/reports/daily-reports.service';
import { ROLLUP_EVENTS } from '../src/rollups/rollup-ingest.service';
import { AnalyticsFixture, type TopicOffsets } from './analytics-fixture';
import { generateDay, type GeneratedDay } from './generated-day';
import { Recomputed } from './recompute';

const DAY_MS = 86_400_000;

/** The figures recomputed from the raw events, with durations bucketed as the rollups keep them. */
const rolledUp = (...[events, from, to, chatbotId]: ConstructorParameters<typeof Recomputed>) =>
  new Recomputed(events, from, to, chatbotId, true);
/**
 * Today, UTC, as a whole day: the tenants signed up today, and the daily report covers days they
 * existed in (the job is run as it would run tomorrow).
 */
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const dayAfter = new Date(day.getTime() + DAY_MS);
const twoDaysOn = new Date(day.getTime() + 2 * DAY_MS);

describe('analytics rollups from a generated day of events', () => {
  let fixture: AnalyticsFixture;
  let tenantA: SignedIn;
  let tenantB: SignedIn;
  let dayA: GeneratedDay;
  let dayB: GeneratedDay;
  let starts: TopicOffsets;
  let ends: TopicOffsets;

  const range = (from: Date, to: Date, extra = '') =>
    `?from=${from.toISOString()}&to=${to.toISOString()}${extra}`;

  beforeAll(async () => {
    fixture = await AnalyticsFixture.start();
    [tenantA, tenantB] = await Promise.all([
      fixture.directory.signup(),
      fixture.directory.signup(),
    ]);
    dayA = generateDay(tenantA.tenant.id, day, 150, 1);
    dayB = generateDay(tenantB.tenant.id, day, 60, 2);
    const dayC = generateDay(`tenant-c-${Date.now()}`, day, 40, 3);
    starts = await fixture.rollupTopicEnds();
    // Interleaved as they would be on a real day: tenant by tenant, room by room. Tenant B's
    // messages come twice, as the outbox relay sends a batch again after Kafka failed mid-send:
    // every figure below still counts each once.
    const sentAgain = dayB.events.filter((published) =>
      published.topic.startsWith('chat.message.sent'),
    );
    await fixture.publish([...dayA.events, ...dayC.events, ...dayB.events, ...sentAgain]);
    ends = await fixture.rollupTopicEnds();
    await fixture.rollupsReached(ends);
  }, 180_000);

  afterAll(() => fixture?.close());

  it('answers the overview of the day with the numbers recomputed from the raw events', async () => {
    const response = await fixture
      .get(`/overview${range(day, dayAfter)}`, tenantA.accessToken)
      .expect(200);
    const expected = rolledUp(dayA.events, day, dayAfter).overview();
    expect(response.body).toEqual({
      from: day.toISOString(),
      to: dayAfter.toISOString(),
      chatbotId: null,
      ...expected,
    });
    // The generated day has a bit of everything, so the comparison above means something.
    expect(expected.conversations.created).toBe(150);
    expect(expected.conversations.abandoned).toBeGreaterThan(0);
    expect(expected.firstResponseSeconds.count).toBeGreaterThan(50);
    expect(expected.byCategory).toHaveLength(3);
  });

  it('counts closings after midnight on the next day, and a range of two days holds both', async () => {
    const next = await fixture
      .get(`/overview${range(dayAfter, twoDaysOn)}`, tenantA.accessToken)
      .expect(200);
    const both = await fixture
      .get(`/overview${range(day, twoDaysOn)}`, tenantA.accessToken)
      .expect(200);
    expect(next.body.conversations).toEqual(
      rolledUp(dayA.events, dayAfter, twoDaysOn).overview().conversations,
    );
    expect(both.body).toMatchObject(rolledUp(dayA.events, day, twoDaysOn).overview());
  });

  it('narrows every figure to one chatbot', async () => {
    const chatbotId = dayA.chatbots[0];
    const response = await fixture
      .get(`/overview${range(day, dayAfter, `&chatbotId=${chatbotId}`)}`, tenantA.accessToken)
      .expect(200);
    expect(response.body).toMatchObject({
      chatbotId,
      ...rolledUp(dayA.events, day, dayAfter, chatbotId).overview(),
    });
  });

  it('answers the hourly series and the agents with the recomputed numbers', async () => {
    const series = await fixture
      .get(`/timeseries${range(day, dayAfter, '&interval=hour')}`, tenantA.accessToken)
      .expect(200);
    expect(series.body.points).toEqual(rolledUp(dayA.events, day, dayAfter).hourly());
    expect(series.body.points).toHaveLength(24);

    const daily = await fixture
      .get(`/timeseries${range(day, twoDaysOn)}`, tenantA.accessToken)
      .expect(200);
    expect(daily.body.points.map((point: { created: number }) => point.created)).toEqual([150, 0]);

    const agents = await fixture
      .get(`/agents${range(day, dayAfter)}`, tenantA.accessToken)
      .expect(200);
    const expected = rolledUp(dayA.events, day, dayAfter).agents();
    expect(
      agents.body.agents.map(({ name, online, ...figures }: Record<string, unknown>) => figures),
    ).toEqual(expected);
    // Two of the three agents came online at 08:00 and stayed; the third went offline at 17:00.
    expect(agents.body.agentsOnline).toBe(2);
  });

  it('shows tenant B only its own day', async () => {
    const response = await fixture
      .get(`/overview${range(day, dayAfter)}`, tenantB.accessToken)
      .expect(200);
    expect(response.body).toMatchObject(rolledUp(dayB.events, day, dayAfter).overview());
    expect(response.body.conversations.created).toBe(60);
    const agents = await fixture
      .get(`/agents${range(day, dayAfter)}`, tenantB.accessToken)
      .expect(200);
    const ids = agents.body.agents.map((agent: { agentId: string }) => agent.agentId);
    expect(ids.every((id: string) => dayB.agents.includes(id))).toBe(true);
  });

  it("answers another tenant's chatbot as an unknown one, and 400 naming the field for bad input", async () => {
    const othersChatbot = await fixture
      .get(
        `/overview${range(day, dayAfter, `&chatbotId=${dayA.chatbots[0]}`)}`,
        tenantB.accessToken,
      )
      .expect(404);
    const unknown = await fixture
      .get(`/overview${range(day, dayAfter, '&chatbotId=bot-nobody')}`, tenantB.accessToken)
      .expect(404);
    // Nothing tells a chatbot id of another tenant from one that does not exist.
    expect(othersChatbot.body).toEqual({
      statusCode: 404,
      code: 'chatbot_not_found',
      message: 'no such chatbot',
    });
    expect(unknown.body).toEqual(othersChatbot.body);
    const backwards = await fixture
      .get(`/overview${range(dayAfter, day)}`, tenantA.accessToken)
      .expect(400);
    expect(backwards.body.message).toContain('to: must be after from');
    const tooLong = await fixture
      .get(`/overview${range(new Date(day.getTime() - 100 * DAY_MS), day)}`, tenantA.accessToken)
      .expect(400);
    expect(tooLong.body.message).toContain('at most 93 days');
    const hourlyTooLong = await fixture
      .get(
        `/timeseries${range(new Date(day.getTime() - 20 * DAY_MS), day, '&interval=hour')}`,
        tenantA.accessToken,
      )
      .expect(400);
    expect(hourlyTooLong.body.message).toContain('at most 14 days');
    const halfDay = await fixture
      .get(
        `/overview?from=${new Date(day.getTime() + 3_600_000).toISOString()}`,
        tenantA.accessToken,
      )
      .expect(400);
    expect(halfDay.body.message).toContain('from: must be a whole day');
    const garbage = await fixture.get('/overview?from=yesterday', tenantA.accessToken).expect(400);
    expect(garbage.body.message).toContain('from');
    await fixture
      .get(`/overview${range(day, dayAfter, '&interval=week')}`, tenantA.accessToken)
      .expect(400);
  });

  it('refuses a request without a token, and an agent without analytics:view', async () => {
    await fixture.http().get('/api/analytics/overview').expect(401);
    const agent = await fixture.directory.agent(tenantA);
    await fixture.get('/overview', agent.accessToken).expect(403);
  });

  it('writes each tenant one usage report a day and emails it to the users who asked', async () => {
    await fixture
      .http()
      .put('/api/analytics/reports/subscription')
      .set('Authorization', `Bearer ${tenantA.accessToken}`)
      .send({ daily: 'yes' })
      .expect(400);
    await fixture
      .http()
      .put('/api/analytics/reports/subscription')
      .set('Authorization', `Bearer ${tenantA.accessToken}`)
      .send({ daily: true })
      .expect(200);
    const subscription = await fixture
      .get('/reports/subscription', tenantA.accessToken)
      .expect(200);
    expect(subscription.body).toEqual({ daily: true });

    const mails = await TopicProbe.start([NotificationRequestedV1.topic]);
    try {
      const job = fixture.analytics.app.get(DailyReportsService);
      // Run as the job would tomorrow, once the report time has passed.
      const tomorrow = new Date(dayAfter.getTime() + 31 * 60_000);
      expect(job.dueDay(tomorrow)).toBe(day.toISOString().slice(0, 10));
      expect(await job.runDue(tomorrow)).toBe(2);

      const listed = await fixture.get('/reports', tenantA.accessToken).expect(200);
      expect(listed.body.reports).toHaveLength(1);
      const [report] = listed.body.reports;
      expect(report).toMatchObject({ day: day.toISOString().slice(0, 10), emailedTo: 1 });
      expect(report.overview).toEqual(rolledUp(dayA.events, day, dayAfter).overview());

      const mail = await mails.waitFor(
        (message) =>
          message.value.includes('usage-report') && message.value.includes(tenantA.user.email),
      );
      const payload = JSON.parse(mail.value).payload;
      expect(payload.day).toBe(report.day);
      expect(payload.figures).toContainEqual({ label: 'Conversations started', value: '150' });
      expect(payload.dashboardUrl).toMatch(/\/app\/analytics/);

      // A second run, or a second replica, writes and sends nothing new.
      expect(await job.runDue(tomorrow)).toBe(0);
      const again = await fixture.get(`/reports/${report.day}`, tenantA.accessToken).expect(200);
      expect(again.body.createdAt).toBe(report.createdAt);

      // Tenant B has its own report, and no subscriber.
      const reportB = await fixture.get(`/reports/${report.day}`, tenantB.accessToken).expect(200);
      expect(reportB.body.overview.conversations.created).toBe(60);
      expect(reportB.body.emailedTo).toBe(0);
      await fixture.get('/reports/2020-01-01', tenantA.accessToken).expect(404);
      await fixture.get('/reports/yesterday', tenantA.accessToken).expect(400);
      const sent = mails.messages.filter((message) =>
        message.value.includes(`"usage-report:${tenantA.tenant.id}:${report.day}:`),
      );
      expect(sent).toHaveLength(1);
    } finally {
      await mails.stop();
    }
  });

  it('shows the platform’s status to its operators only, not even to a tenant’s Admin', async () => {
    const refused = await fixture.get('/status', tenantA.accessToken).expect(403);
    expect(refused.body.message).toContain('platform:operate');
    const operator = fixture.operatorToken(tenantA);
    const status = (await fixture.get('/status', operator).expect(200)).body;
    expect(Object.keys(status).sort()).toEqual(['checkedAt', 'kafka', 'services']);
    expect(status.services).toEqual([
      expect.objectContaining({ name: 'tenant', status: 'up' }),
      expect.objectContaining({ name: 'email', status: 'down' }),
    ]);
    const rollups = status.kafka.groups.find((group: { groupId: string }) =>
      group.groupId.endsWith('-rollups'),
    );
    // (The test positioned this group on every topic; only the ones it reads matter here.)
    const read = rollups.topics.filter((topic: { topic: string }) =>
      ROLLUP_EVENTS.some((event) => event.topic === topic.topic),
    );
    expect(read).toHaveLength(ROLLUP_EVENTS.length);
    expect(read.every((topic: { lag: number }) => topic.lag === 0)).toBe(true);
  });

  it('shows a tenant its own agents online and its chatbots’ last sessions', async () => {
    const activity = (await fixture.get('/activity', tenantA.accessToken).expect(200)).body;
    expect(activity.agentsOnline).toBe(2);
    const lastSessions = Object.fromEntries(
      dayA.chatbots.map((chatbotId) => [
        chatbotId,
        dayA.events
          .filter(
            (published) =>
              published.event.type === 'chat.chatroom.created' &&
              published.event.payload.chatbotId === chatbotId,
          )
          .map((published) => published.event.payload.createdAt as string)
          .sort()
          .at(-1),
      ]),
    );
    expect(
      Object.fromEntries(
        activity.chatbots.map((chatbot: { chatbotId: string; lastSessionAt: string }) => [
          chatbot.chatbotId,
          chatbot.lastSessionAt,
        ]),
      ),
    ).toEqual(lastSessions);
  });

  it('gives the same numbers after every topic of the day is read again from its start', async () => {
    const before = await Promise.all(
      [
        `/overview${range(day, twoDaysOn)}`,
        `/timeseries${range(day, dayAfter, '&interval=hour')}`,
        `/agents${range(day, dayAfter)}`,
      ].map(async (path) => (await fixture.get(path, tenantA.accessToken).expect(200)).body),
    );
    await fixture.replayFrom(starts);
    await fixture.rollupsReached(ends);
    const after = await Promise.all(
      [
        `/overview${range(day, twoDaysOn)}`,
        `/timeseries${range(day, dayAfter, '&interval=hour')}`,
        `/agents${range(day, dayAfter)}`,
      ].map(async (path) => (await fixture.get(path, tenantA.accessToken).expect(200)).body),
    );
    expect(after).toEqual(before);
  });
});
