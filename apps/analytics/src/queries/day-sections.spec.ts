import { parseCounter } from '../rollups/counter-names';
import { sectionsOf } from './day-sections';
import {
  agentsOf,
  csatOf,
  type DayCounters,
  labelsOf,
  overviewOf,
  slaOf,
  timeseriesOf,
} from './rollup-figures';

const COUNTS: Record<string, number> = {
  'created|bot-a|9': 3,
  'created|bot-b|14': 2,
  'category|bot-a|billing': 1,
  'assigned|bot-a|ag-1': 2,
  'assigned|bot-b|ag-2': 1,
  'closed|bot-a|10|resolved': 2,
  'closed|bot-b|15|abandoned': 1,
  'resolution|bot-a|600': 2,
  'resolved|bot-a|ag-1': 2,
  'messages|bot-a|9|visitor': 5,
  'messages|bot-a|9|agent:ag-1': 4,
  'messages|bot-a|10|agent:ag-1': 3,
  'messages|bot-a|10|agent:ag-2': 1,
  'messages|bot-b|14|agent:ag-2': 6,
  'messages|bot-a|9|system': 1,
  'firstResponse|bot-a|ag-1|30': 1,
  'firstResponse|bot-a|ag-2|30': 2,
  'firstResponse|bot-a|ag-1|90': 1,
  'slaOutcome|bot-a|firstResponse|met|team-1|ag-1|billing': 1,
  'slaBreach|bot-a|resolution|team-1|ag-1|billing': 1,
  'label|bot-a|vip|added': 2,
  'csat|bot-a|5|ag-1|team-1': 1,
};
const day = (counters: DayCounters['counters']): DayCounters[] => [{ day: '2026-03-01', counters }];
const everything = Object.entries(COUNTS).map(([name, count]) => parseCounter(name, count));
const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') };

describe('sectionsOf', () => {
  const sections = sectionsOf(everything);

  it('keeps in each section what its figures need: the same figures as from every counter', () => {
    expect(overviewOf(day(sections.daily))).toEqual(overviewOf(day(everything)));
    expect(timeseriesOf(day(sections.daily), range, 'day')).toEqual(
      timeseriesOf(day(everything), range, 'day'),
    );
    expect(timeseriesOf(day(sections.totals), range, 'hour')).toEqual(
      timeseriesOf(day(everything), range, 'hour'),
    );
    expect(agentsOf(day(sections.agents))).toEqual(agentsOf(day(everything)));
    expect(slaOf(day(sections.other))).toEqual(slaOf(day(everything)));
    expect(labelsOf(day(sections.other))).toEqual(labelsOf(day(everything)));
    expect(csatOf(day(sections.other))).toEqual(csatOf(day(everything)));
  });

  it('sums away the agents in the totals and the hours in the agents', () => {
    const names = (counters: typeof everything) =>
      counters.map((counter) => [counter.kind, counter.rest.join('|'), counter.count].join(' '));
    expect(names(sections.totals.filter((counter) => counter.kind === 'messages'))).toEqual([
      'messages 9|visitor 5',
      'messages 9|agent 4',
      'messages 10|agent 4',
      'messages 14|agent 6',
      'messages 9|system 1',
    ]);
    expect(names(sections.agents.filter((counter) => counter.kind === 'messages'))).toEqual([
      'messages |agent:ag-1 7',
      'messages |agent:ag-2 1',
      'messages |agent:ag-2 6',
    ]);
    expect(names(sections.totals.filter((counter) => counter.kind === 'firstResponse'))).toEqual([
      'firstResponse |30 3',
      'firstResponse |90 1',
    ]);
  });

  it('sums away the hours in the daily section, but the conversations created', () => {
    const names = sections.daily.map((counter) =>
      [counter.kind, counter.rest.join('|'), counter.count].join(' '),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'created 9 3',
        'created 14 2',
        'closed |resolved 2',
        'closed |abandoned 1',
        'messages |visitor 5',
        'messages |agent 8',
        'messages |agent 6',
        'messages |system 1',
      ]),
    );
    expect(sections.daily.length).toBeLessThan(sections.totals.length);
  });
});
