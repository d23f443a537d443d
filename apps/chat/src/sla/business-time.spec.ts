import { type BusinessHours } from '@app/contracts';
import { addBusinessTime } from './business-time';

const weekdays9to5: BusinessHours = {
  weekly: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
    day,
    start: '09:00',
    end: '17:00',
  })),
  holidays: [],
};
const at = (iso: string) => new Date(iso);
const HOUR = 3600;

describe('addBusinessTime', () => {
  it('counts wall-clock time when there are no business hours', () => {
    expect(addBusinessTime(at('2026-01-03T10:00:00Z'), 90, null, 'UTC')).toEqual(
      at('2026-01-03T10:01:30Z'),
    );
  });

  it('counts within the open hours of the day', () => {
    expect(addBusinessTime(at('2026-01-05T10:00:00Z'), HOUR, weekdays9to5, 'UTC')).toEqual(
      at('2026-01-05T11:00:00Z'),
    );
  });

  it('starts counting at opening time for a room created before it', () => {
    expect(addBusinessTime(at('2026-01-05T07:00:00Z'), 1800, weekdays9to5, 'UTC')).toEqual(
      at('2026-01-05T09:30:00Z'),
    );
  });

  it('carries what is left on Friday evening over the weekend to Monday morning', () => {
    // Friday 16:30 with an hour to go: 30 minutes on Friday, 30 on Monday.
    expect(addBusinessTime(at('2026-01-02T16:30:00Z'), HOUR, weekdays9to5, 'UTC')).toEqual(
      at('2026-01-05T09:30:00Z'),
    );
  });

  it('skips holidays', () => {
    const hours = { ...weekdays9to5, holidays: ['2026-01-05'] };
    expect(addBusinessTime(at('2026-01-02T16:30:00Z'), HOUR, hours, 'UTC')).toEqual(
      at('2026-01-06T09:30:00Z'),
    );
  });

  it('keeps the seconds of a start in the middle of a minute', () => {
    expect(addBusinessTime(at('2026-01-05T16:59:30.500Z'), 60, weekdays9to5, 'UTC')).toEqual(
      at('2026-01-06T09:00:30.500Z'),
    );
  });

  it('reads the hours in their time zone', () => {
    // 06:00 UTC is 07:00 in Paris in winter: opening is 08:00 UTC.
    expect(addBusinessTime(at('2026-01-05T06:00:00Z'), 60, weekdays9to5, 'Europe/Paris')).toEqual(
      at('2026-01-05T08:01:00Z'),
    );
  });

  it('treats hours with holidays only as open all day except the holidays', () => {
    const hours = { weekly: [], holidays: ['2026-01-05'] };
    expect(addBusinessTime(at('2026-01-04T23:30:00Z'), HOUR, hours, 'UTC')).toEqual(
      at('2026-01-06T00:30:00Z'),
    );
  });
});
