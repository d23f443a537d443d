import { type SignedIn } from '@app/testing';
import { getModelToken } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { DaySummary, isCurrent } from '../src/rollups/day-summary.schema';
import { AnalyticsFixture } from './analytics-fixture';
import { generateDay, type GeneratedDay } from './generated-day';
import { Recomputed } from './recompute';

const DAY_MS = 86_400_000;
/** A day well over: its figures are read from its summaries. */
const day = new Date((Math.floor(Date.now() / DAY_MS) - 3) * DAY_MS);
const dayAfter = new Date(day.getTime() + DAY_MS);
const range = `?from=${day.toISOString()}&to=${dayAfter.toISOString()}`;

const rolledUp = (events: GeneratedDay['events']) =>
  new Recomputed(events, day, dayAfter, undefined, true);

describe('analytics of a day that is over: from its summaries, and again after a late event', () => {
  let fixture: AnalyticsFixture;
  let tenant: SignedIn;
  let first: GeneratedDay;

  const figures = async () => {
    const [overview, series, daily, agents] = await Promise.all(
      [
        `/overview${range}`,
        `/timeseries${range}&interval=hour`,
        `/timeseries${range}&interval=day`,
        `/agents${range}`,
      ].map(async (path) => (await fixture.get(path, tenant.accessToken).expect(200)).body),
    );
    return {
      overview: { ...overview, from: undefined, to: undefined, chatbotId: undefined },
      hourly: series.points,
      daily: daily.points,
      agents: agents.agents.map(({ name, online, ...rest }: Record<string, unknown>) => rest),
    };
  };
  const expected = (events: GeneratedDay['events']) => {
    const recomputed = rolledUp(events);
    return {
      overview: { ...recomputed.overview(), from: undefined, to: undefined, chatbotId: undefined },
      hourly: recomputed.hourly(),
      daily: recomputed.daily(),
      agents: recomputed.agents(),
    };
  };

  beforeAll(async () => {
    fixture = await AnalyticsFixture.start();
    tenant = await fixture.directory.signup();
    first = generateDay(tenant.tenant.id, day, 80, 11);
    await fixture.publish(first.events);
    await fixture.rollupsReached(await fixture.rollupTopicEnds());
  }, 180_000);

  afterAll(() => fixture?.close());

  it('answers a finished day with the recomputed numbers, from summaries kept by _id', async () => {
    expect(await figures()).toEqual(expected(first.events));
    // Read again: now from the summaries the first answer made.
    expect(await figures()).toEqual(expected(first.events));
    const summaries = fixture.analytics.app.get<Model<DaySummary>>(getModelToken(DaySummary.name));
    const ids = ['agents', 'daily', 'other', 'totals'].map(
      (section) => `${tenant.tenant.id}:${dayOf(day)}:${section}`,
    );
    const kept = await summaries.collection.find({ _id: { $in: ids } as never }).toArray();
    expect(
      kept.map((summary) => [summary._id, isCurrent(summary as unknown as DaySummary)]).sort(),
    ).toEqual(ids.map((id) => [id, true]));
  });

  it('counts events of that day delivered late, once summarized', async () => {
    await figures();
    // More conversations of the same day, with the same chatbots and agents, arriving now.
    const late = generateDay(tenant.tenant.id, day, 30, 12, {
      chatbots: first.chatbots,
      agents: first.agents,
    });
    await fixture.publish(late.events);
    await fixture.rollupsReached(await fixture.rollupTopicEnds());
    const answered = await figures();
    expect(answered).toEqual(expected([...first.events, ...late.events]));
    expect(answered.overview.conversations.created).toBe(110);
  });
});

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
