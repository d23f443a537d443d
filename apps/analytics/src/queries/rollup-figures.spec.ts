import { type DayRollup } from '../rollups/day-rollup.schema';
import { agentsOf, countersOfDay, overviewOf, timeseriesOf } from './rollup-figures';

/** A day's document with each source's partitions holding the given counts. */
const dayDocument = (
  day: string,
  parts: Partial<
    Record<'created' | 'assigned' | 'closed' | 'messages', Array<Record<string, number>>>
  >,
): DayRollup => ({
  _id: `t1:${day}`,
  tenantId: 't1',
  day,
  parts: Object.fromEntries(
    Object.entries(parts).map(([source, partitions]) => [
      source,
      Object.fromEntries(
        partitions.map((counts, partition) => [
          partition,
          { offset: 100, counts: JSON.stringify(counts) },
        ]),
      ),
    ]),
  ),
});

const MARCH_1 = dayDocument('2026-03-01', {
  created: [
    { 'created|bot-a|9': 2, 'category|bot-a|billing': 1 },
    { 'created|bot-a|9': 1, 'created|bot-b|14': 3 },
  ],
  assigned: [{ 'assigned|bot-a|ag-1': 2, 'assigned|bot-b|ag-2': 1 }],
  closed: [
    {
      'closed|bot-a|10|resolved': 2,
      'closed|bot-b|15|abandoned': 1,
      'resolution|bot-a|600': 2,
      'resolved|bot-a|ag-1': 2,
    },
  ],
  messages: [
    {
      'messages|bot-a|9|visitor': 5,
      'messages|bot-a|9|agent:ag-1': 4,
      'messages|bot-b|14|agent:ag-2': 6,
      'messages|bot-a|9|system': 1,
      'firstResponse|bot-a|ag-1|30': 1,
      'firstResponse|bot-a|ag-1|90': 1,
    },
  ],
});
const MARCH_2 = dayDocument('2026-03-02', { created: [{ 'created|bot-a|0': 1 }] });

describe('countersOfDay', () => {
  it('sums each counter over the parts every topic partition keeps', () => {
    const created = countersOfDay(MARCH_1).counters.find(
      (counter) => counter.kind === 'created' && counter.chatbotId === 'bot-a',
    );
    expect(created).toMatchObject({ rest: ['9'], count: 3 });
  });

  it("keeps only one chatbot's counters when asked", () => {
    const chatbots = new Set(countersOfDay(MARCH_1, 'bot-b').counters.map((c) => c.chatbotId));
    expect([...chatbots]).toEqual(['bot-b']);
  });
});

describe('overviewOf', () => {
  const overview = overviewOf([countersOfDay(MARCH_1), countersOfDay(MARCH_2)]);

  it('adds up conversations over the days, closed ones by reason', () => {
    expect(overview.conversations).toEqual({
      created: 7,
      closed: 3,
      resolved: 2,
      abandoned: 1,
      stale: 0,
      blocked: 0,
    });
  });

  it('counts messages by sender type, every agent together', () => {
    expect(overview.messages).toEqual({ visitor: 5, agent: 10, system: 1 });
  });

  it('ranks chatbots and categories by conversations, and fills every hour of the day', () => {
    expect(overview.byChatbot).toEqual([
      { chatbotId: 'bot-a', created: 4 },
      { chatbotId: 'bot-b', created: 3 },
    ]);
    expect(overview.byCategory).toEqual([{ category: 'billing', created: 1 }]);
    expect(overview.hoursOfDay).toHaveLength(24);
    expect(overview.hoursOfDay[9]).toEqual({ hour: 9, created: 3 });
    expect(overview.hoursOfDay[0]).toEqual({ hour: 0, created: 1 });
  });

  it('takes the durations from their histograms', () => {
    expect(overview.firstResponseSeconds).toEqual({ count: 2, p50: 90, p90: 90 });
    expect(overview.resolutionSeconds).toEqual({ count: 2, p50: 600, p90: 600 });
  });
});

describe('timeseriesOf', () => {
  const days = [countersOfDay(MARCH_1), countersOfDay(MARCH_2)];

  it('has a point for every day of the range, counting what happened in it', () => {
    const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };
    expect(timeseriesOf(days, range, 'day')).toEqual([
      { at: '2026-03-01T00:00:00.000Z', created: 6, closed: 3, abandoned: 1, messages: 16 },
      { at: '2026-03-02T00:00:00.000Z', created: 1, closed: 0, abandoned: 0, messages: 0 },
      { at: '2026-03-03T00:00:00.000Z', created: 0, closed: 0, abandoned: 0, messages: 0 },
    ]);
  });

  it('puts each hour in its own point, and leaves out hours outside the range', () => {
    const range = { from: new Date('2026-03-01T09:00:00Z'), to: new Date('2026-03-01T11:00:00Z') };
    expect(timeseriesOf(days, range, 'hour')).toEqual([
      { at: '2026-03-01T09:00:00.000Z', created: 3, closed: 0, abandoned: 0, messages: 10 },
      { at: '2026-03-01T10:00:00.000Z', created: 0, closed: 2, abandoned: 0, messages: 0 },
    ]);
  });
});

describe('agentsOf', () => {
  it('gathers each agent’s messages, assignments, resolutions and waits, most messages first', () => {
    expect(agentsOf([countersOfDay(MARCH_1)])).toEqual([
      {
        agentId: 'ag-2',
        messages: 6,
        assigned: 1,
        resolved: 0,
        firstResponseSeconds: { count: 0, p50: null, p90: null },
      },
      {
        agentId: 'ag-1',
        messages: 4,
        assigned: 2,
        resolved: 2,
        firstResponseSeconds: { count: 2, p50: 90, p90: 90 },
      },
    ]);
  });
});
