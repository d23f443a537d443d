import { localTime, withinBusinessHours, withinWeeklyHours } from './weekly-schedule';

describe('weekly hours in a time zone', () => {
  const nineToFive = [{ day: 'mon' as const, start: '09:00', end: '17:00' }];

  it('reads an instant as the zone’s wall clock', () => {
    // 2026-03-02 is a Monday; Paris is UTC+1 in winter.
    expect(localTime(new Date('2026-03-02T08:30:00Z'), 'Europe/Paris')).toEqual({
      day: 'mon',
      date: '2026-03-02',
      time: '09:30',
    });
    // Still Sunday in Los Angeles.
    expect(localTime(new Date('2026-03-02T05:00:00Z'), 'America/Los_Angeles').day).toBe('sun');
  });

  it('counts a range from its start, up to but not including its end', () => {
    const at = (utc: string) => withinWeeklyHours(nineToFive, 'UTC', new Date(utc));
    expect(at('2026-03-02T08:59:00Z')).toBe(false);
    expect(at('2026-03-02T09:00:00Z')).toBe(true);
    expect(at('2026-03-02T16:59:00Z')).toBe(true);
    expect(at('2026-03-02T17:00:00Z')).toBe(false);
    // Tuesday at 10:00: no range that day.
    expect(at('2026-03-03T10:00:00Z')).toBe(false);
  });

  it('follows the zone across a daylight-saving change', () => {
    // Paris springs forward on Sunday 2026-03-29 (02:00 → 03:00): 09:00 local is 08:00 UTC the
    // Friday before and 07:00 UTC the Monday after.
    const hours = [
      { day: 'fri' as const, start: '09:00', end: '17:00' },
      { day: 'mon' as const, start: '09:00', end: '17:00' },
    ];
    const open = (utc: string) => withinWeeklyHours(hours, 'Europe/Paris', new Date(utc));
    expect(open('2026-03-27T07:30:00Z')).toBe(false);
    expect(open('2026-03-27T08:00:00Z')).toBe(true);
    expect(open('2026-03-30T06:59:00Z')).toBe(false);
    expect(open('2026-03-30T07:00:00Z')).toBe(true);
    expect(open('2026-03-30T14:59:00Z')).toBe(true);
    expect(open('2026-03-30T15:00:00Z')).toBe(false);
  });

  it('reads the skipped and repeated hours of a change day by the wall clock', () => {
    const sunday = [{ day: 'sun' as const, start: '02:00', end: '03:00' }];
    // 2026-03-29 02:00–03:00 does not exist in Paris: 00:59 UTC is 01:59, 01:00 UTC is 03:00.
    expect(withinWeeklyHours(sunday, 'Europe/Paris', new Date('2026-03-29T00:59:00Z'))).toBe(false);
    expect(withinWeeklyHours(sunday, 'Europe/Paris', new Date('2026-03-29T01:00:00Z'))).toBe(false);
    // 2026-10-25 02:00–03:00 happens twice (00:00 and 01:00 UTC): both are on shift.
    expect(withinWeeklyHours(sunday, 'Europe/Paris', new Date('2026-10-25T00:30:00Z'))).toBe(true);
    expect(withinWeeklyHours(sunday, 'Europe/Paris', new Date('2026-10-25T01:30:00Z'))).toBe(true);
  });

  it('takes no ranges as always, and a range ending at 24:00 to the end of the day', () => {
    expect(withinWeeklyHours([], 'UTC', new Date('2026-03-03T03:00:00Z'))).toBe(true);
    const lateMonday = [{ day: 'mon' as const, start: '22:00', end: '24:00' }];
    expect(withinWeeklyHours(lateMonday, 'UTC', new Date('2026-03-02T23:59:00Z'))).toBe(true);
    expect(withinWeeklyHours(lateMonday, 'UTC', new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('closes business hours on a local holiday, and is always open without hours', () => {
    const hours = { weekly: nineToFive, holidays: ['2026-03-02'] };
    expect(withinBusinessHours(hours, 'UTC', new Date('2026-03-02T10:00:00Z'))).toBe(false);
    expect(withinBusinessHours(hours, 'UTC', new Date('2026-03-09T10:00:00Z'))).toBe(true);
    // 23:30 UTC on the 1st is already the 2nd in Tokyo, the holiday there.
    const allWeek = { weekly: [], holidays: ['2026-03-02'] };
    expect(withinBusinessHours(allWeek, 'Asia/Tokyo', new Date('2026-03-01T23:30:00Z'))).toBe(
      false,
    );
    expect(withinBusinessHours(null, 'UTC', new Date())).toBe(true);
  });
});
