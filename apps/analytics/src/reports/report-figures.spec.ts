import { type CsatScore, type Overview } from '@app/contracts';
import { readableDuration, reportFigures } from './report-figures';

const overview = (changes: Partial<Overview> = {}): Overview => ({
  conversations: { created: 12, closed: 10, resolved: 7, abandoned: 2, stale: 1, blocked: 0 },
  firstResponseSeconds: { count: 7, p50: 45, p90: 200 },
  resolutionSeconds: { count: 7, p50: 7200, p90: 9000 },
  messages: { visitor: 40, agent: 35, system: 3 },
  byChatbot: [],
  byCategory: [],
  hoursOfDay: Array.from({ length: 24 }, (_, hour) => ({ hour, created: 0 })),
  ...changes,
});

const csat: CsatScore = {
  ratings: 10,
  satisfied: 8,
  score: 0.8,
  average: 4.2,
  byRating: [1, 0, 1, 4, 4],
};
const unrated: CsatScore = {
  ratings: 0,
  satisfied: 0,
  score: null,
  average: null,
  byRating: [0, 0, 0, 0, 0],
};

describe('readableDuration', () => {
  it('reads seconds, minutes and hours as people say them', () => {
    expect(readableDuration(45)).toBe('45 s');
    expect(readableDuration(200)).toBe('3 min 20 s');
    expect(readableDuration(180)).toBe('3 min');
    expect(readableDuration(7500)).toBe('2 h 5 min');
    expect(readableDuration(7200)).toBe('2 h');
  });

  it('says there is no data rather than zero', () => {
    expect(readableDuration(null)).toBe('no data');
  });
});

describe('reportFigures', () => {
  it('lists the figures in the order a support lead reads them', () => {
    const figures = reportFigures(overview(), csat);
    expect(figures.map((figure) => figure.label)).toEqual([
      'Conversations started',
      'Resolved',
      'Abandoned',
      'Marked stale',
      'Blocked',
      'First response, median',
      'First response, 90th percentile',
      'Resolution time, median',
      'Customer satisfaction (CSAT)',
      'Average rating',
      'Messages from visitors',
      'Messages from agents',
      'Busiest hour (UTC)',
    ]);
    expect(figures.slice(0, 10).map((figure) => figure.value)).toEqual([
      '12',
      '7',
      '2',
      '1',
      '0',
      '45 s',
      '3 min 20 s',
      '2 h',
      '80% (8 of 10 rated 4 or 5)',
      '4.2 / 5',
    ]);
  });

  it('says there are no ratings rather than a score of zero', () => {
    const figures = reportFigures(overview(), unrated);
    expect(figures.find((figure) => figure.label.includes('CSAT'))?.value).toBe('no ratings');
    expect(figures.find((figure) => figure.label === 'Average rating')?.value).toBe('no ratings');
  });

  it('names the busiest hour, the earlier of two as busy', () => {
    const hoursOfDay = overview().hoursOfDay.map(({ hour }) => ({
      hour,
      created: hour === 9 || hour === 14 ? 5 : 1,
    }));
    const busiest = reportFigures(overview({ hoursOfDay }), csat).at(-1);
    expect(busiest).toEqual({ label: 'Busiest hour (UTC)', value: '09:00' });
  });

  it('names no busiest hour on a day without conversations', () => {
    expect(reportFigures(overview(), csat).at(-1)?.value).toBe('none');
  });
});
