import {
  dayOf,
  daysBetween,
  hasEnded,
  hourOf,
  hourStart,
  isSettled,
  secondsBetween,
} from './rollup-time';

describe('rollup time', () => {
  it('puts an instant in its UTC day and hour, whatever the offset it was written with', () => {
    const at = new Date('2026-03-01T23:30:00-02:00');
    expect(dayOf(at)).toBe('2026-03-02');
    expect(hourOf(at)).toBe(1);
  });

  it('lists the UTC days a range touches, the end excluded', () => {
    expect(daysBetween(new Date('2026-02-27T00:00:00Z'), new Date('2026-03-02T00:00:00Z'))).toEqual(
      ['2026-02-27', '2026-02-28', '2026-03-01'],
    );
  });

  it('counts a day the range only starts in, and one it ends within', () => {
    expect(daysBetween(new Date('2026-03-01T22:00:00Z'), new Date('2026-03-02T01:00:00Z'))).toEqual(
      ['2026-03-01', '2026-03-02'],
    );
  });

  it('lists no day for an empty range', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(daysBetween(at, at)).toEqual([]);
  });

  it('finds the start of an hour of a rollup day', () => {
    expect(hourStart('2026-03-01', 7).toISOString()).toBe('2026-03-01T07:00:00.000Z');
  });

  it('measures whole seconds between two moments, and never less than none', () => {
    expect(secondsBetween('2026-03-01T10:00:00.000Z', '2026-03-01T10:01:30.600Z')).toBe(91);
    expect(secondsBetween('2026-03-01T10:00:05Z', '2026-03-01T10:00:00Z')).toBe(0);
  });

  it('calls a day ended at its midnight, and settled (read from summaries) an hour later', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(hasEnded('2026-03-01', at('2026-03-01T23:59:59.999Z'))).toBe(false);
    expect(hasEnded('2026-03-01', at('2026-03-02T00:00:00.000Z'))).toBe(true);
    expect(isSettled('2026-03-01', at('2026-03-02T00:59:59.999Z'))).toBe(false);
    expect(isSettled('2026-03-01', at('2026-03-02T01:00:00.000Z'))).toBe(true);
  });
});
