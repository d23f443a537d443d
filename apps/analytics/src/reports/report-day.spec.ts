import { dueReportDay, reportDayRange } from './report-day';

describe('dueReportDay', () => {
  it("is the day before yesterday until the report time after midnight, then yesterday's", () => {
    expect(dueReportDay(new Date('2026-03-02T00:29:59.000Z'), 30)).toBe('2026-02-28');
    expect(dueReportDay(new Date('2026-03-02T00:30:00.000Z'), 30)).toBe('2026-03-01');
    expect(dueReportDay(new Date('2026-03-02T23:59:59.000Z'), 30)).toBe('2026-03-01');
  });
});

describe('reportDayRange', () => {
  it('covers the UTC day, its end excluded', () => {
    expect(reportDayRange('2026-02-28')).toEqual({
      from: new Date('2026-02-28T00:00:00.000Z'),
      to: new Date('2026-03-01T00:00:00.000Z'),
    });
  });
});
