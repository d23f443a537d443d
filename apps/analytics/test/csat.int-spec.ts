import {
  CsatRatedV1,
  type CsatReport,
  type CsatScore,
  NotificationRequestedV1,
  type PayloadOf,
} from '@app/contracts';
import { eventually, type SignedIn, TopicProbe } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DailyReportsService } from '../src/reports/daily-reports.service';
import { AnalyticsFixture } from './analytics-fixture';
import { type Published } from './generated-day';
import { analyticsOnTinybird } from './tinybird-analytics';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();
const today = `from=${day.toISOString()}&to=${new Date(day.getTime() + DAY_MS).toISOString()}`;
const yesterday = `from=${new Date(day.getTime() - DAY_MS).toISOString()}&to=${day.toISOString()}`;

/**
 * One tenant's ratings, by the room's chat.csat.rated events in the order chat publishes them:
 *   r1 ana, sales: 5;
 *   r2 ana, sales: 2, replaced today by 4;
 *   r3 bob, no team: 1;
 *   r4 bob, no team: 3 yesterday, replaced today by 5 (counted today only);
 *   r5 carol, no team: 2 yesterday.
 */
function ratings(tenantId: string): Published[] {
  const rooms = ['r1', 'r2', 'r3', 'r4', 'r5'].map((name) => `${name}-${randomUUID()}`);
  const rated = (
    roomId: string,
    who: { agentId: string; teamId: string | null },
    ...given: Array<{ rating: 1 | 2 | 3 | 4 | 5; at: string }>
  ): Published[] =>
    given.map((rating, index) => {
      const previous = given[index - 1];
      const payload: PayloadOf<typeof CsatRatedV1> = {
        roomId,
        chatbotId: 'bot-1',
        revision: index + 1,
        rating: rating.rating,
        hasComment: false,
        via: 'widget',
        ...who,
        closedAt: at(-2000),
        ratedAt: rating.at,
        replaces: previous ? { rating: previous.rating, ...who, ratedAt: previous.at } : null,
      };
      return {
        topic: CsatRatedV1.topic,
        key: roomId,
        event: {
          id: randomUUID(),
          type: CsatRatedV1.type,
          version: CsatRatedV1.version,
          tenantId,
          occurredAt: rating.at,
          payload,
        },
      };
    });
  const ana = { agentId: 'ana', teamId: 'sales' };
  const bob = { agentId: 'bob', teamId: null };
  return [
    ...rated(rooms[0], ana, { rating: 5, at: at(60) }),
    ...rated(rooms[1], ana, { rating: 2, at: at(61) }, { rating: 4, at: at(90) }),
    ...rated(rooms[2], bob, { rating: 1, at: at(62) }),
    ...rated(rooms[3], bob, { rating: 3, at: at(-100) }, { rating: 5, at: at(63) }),
    ...rated(rooms[4], { agentId: 'carol', teamId: null }, { rating: 2, at: at(-50) }),
  ];
}

const score = (byRating: CsatScore['byRating']) => {
  const ratings = byRating.reduce((total, count) => total + count, 0);
  const sum = byRating.reduce((total, count, index) => total + count * (index + 1), 0);
  return {
    ratings,
    satisfied: byRating[3] + byRating[4],
    score: Math.round(((byRating[3] + byRating[4]) / ratings) * 10_000) / 10_000,
    average: Math.round((sum / ratings) * 100) / 100,
    byRating,
  };
};

const expectedToday = {
  overall: score([1, 0, 0, 1, 2]),
  byAgent: [
    { agentId: 'ana', ...score([0, 0, 0, 1, 1]) },
    { agentId: 'bob', ...score([1, 0, 0, 0, 1]) },
  ],
  byTeam: [
    { teamId: null, ...score([1, 0, 0, 0, 1]) },
    { teamId: 'sales', ...score([0, 0, 0, 1, 1]) },
  ],
};

const expectedYesterday = {
  overall: score([0, 1, 0, 0, 0]),
  byAgent: [{ agentId: 'carol', ...score([0, 1, 0, 0, 0]) }],
  byTeam: [{ teamId: null, ...score([0, 1, 0, 0, 0]) }],
};

describe('CSAT analytics', () => {
  describe('from the local rollups', () => {
    let fixture: AnalyticsFixture;
    let admin: SignedIn;

    beforeAll(async () => {
      fixture = await AnalyticsFixture.start();
      admin = await fixture.directory.signup();
    });

    afterAll(() => fixture?.close());

    it('counts each conversation once by its latest rating, overall, by agent and by team', async () => {
      await fixture.publish(ratings(admin.tenant.id));
      await eventually(async () => {
        const answer = await fixture.get(`/csat?${today}`, admin.accessToken).expect(200);
        expect(answer.body as CsatReport).toMatchObject(expectedToday);
      });
      const before = await fixture.get(`/csat?${yesterday}`, admin.accessToken).expect(200);
      expect(before.body).toMatchObject(expectedYesterday);
      const agent = await fixture.directory.agent(admin);
      await fixture.get(`/csat?${today}`, agent.accessToken).expect(403);
      const empty = await fixture
        .get(`/csat?from=2026-01-01&to=2026-01-02`, admin.accessToken)
        .expect(200);
      expect(empty.body.overall).toEqual({
        ratings: 0,
        satisfied: 0,
        score: null,
        average: null,
        byRating: [0, 0, 0, 0, 0],
      });
    });

    it('puts the day’s CSAT in the daily report and its email', async () => {
      await fixture
        .http()
        .put('/api/analytics/reports/subscription')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .send({ daily: true })
        .expect(200);
      await eventually(async () => {
        const answer = await fixture.get(`/csat?${today}`, admin.accessToken).expect(200);
        expect(answer.body.overall.ratings).toBe(4);
      });
      const mails = await TopicProbe.start([NotificationRequestedV1.topic]);
      try {
        const job = fixture.analytics.app.get(DailyReportsService);
        await job.runDue(new Date(day.getTime() + DAY_MS + 31 * 60_000));
        const report = await fixture
          .get(`/reports/${day.toISOString().slice(0, 10)}`, admin.accessToken)
          .expect(200);
        expect(report.body.csat).toEqual(expectedToday.overall);
        const mail = await mails.waitFor(
          (message) =>
            message.value.includes('usage-report') && message.value.includes(admin.user.email),
        );
        const { figures } = JSON.parse(mail.value).payload as {
          figures: Array<{ label: string; value: string }>;
        };
        expect(figures).toContainEqual({
          label: 'Customer satisfaction (CSAT)',
          value: '75% (3 of 4 rated 4 or 5)',
        });
        expect(figures).toContainEqual({ label: 'Average rating', value: '3.8 / 5' });
      } finally {
        await mails.stop();
      }
    });
  });

  describe('from Tinybird’s pipes', () => {
    const onTinybird = analyticsOnTinybird();

    it('answers the same figures from the analytics_csat pipe', async () => {
      await onTinybird.fixture.publish(ratings(onTinybird.admin.tenant.id));
      await eventually(
        async () => {
          const answer = await onTinybird.fixture
            .get(`/csat?${today}`, onTinybird.admin.accessToken)
            .expect(200);
          expect(answer.body).toMatchObject(expectedToday);
        },
        { timeoutMs: 60_000 },
      );
      const before = await onTinybird.fixture
        .get(`/csat?${yesterday}`, onTinybird.admin.accessToken)
        .expect(200);
      expect(before.body).toMatchObject(expectedYesterday);
    });
  });
});
