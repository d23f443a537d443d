import { normalizedRanges, rangeProblem } from './WeeklyHoursEditor';

describe('weekly hours as the editor checks and sends them', () => {
  it('accepts a range that ends after it starts, and one that ends at midnight', () => {
    expect(rangeProblem({ day: 'mon', start: '09:00', end: '17:00' })).toBeUndefined();
    expect(rangeProblem({ day: 'mon', start: '22:00', end: '00:00' })).toBeUndefined();
  });

  it('refuses an overnight or empty range, saying how to write it', () => {
    expect(rangeProblem({ day: 'mon', start: '22:00', end: '06:00' })).toContain('midnight');
    expect(rangeProblem({ day: 'mon', start: '09:00', end: '09:00' })).toContain('after the start');
    expect(rangeProblem({ day: 'mon', start: '', end: '17:00' })).toBe('Give a start and an end.');
  });

  it('sends an end of 00:00 as 24:00, the API’s midnight', () => {
    expect(
      normalizedRanges([
        { day: 'fri', start: '20:00', end: '00:00' },
        { day: 'sat', start: '00:00', end: '04:00' },
      ]),
    ).toEqual([
      { day: 'fri', start: '20:00', end: '24:00' },
      { day: 'sat', start: '00:00', end: '04:00' },
    ]);
  });
});
