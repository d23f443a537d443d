import { formatWaited } from './durations';

describe('how long a visitor has waited', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [185_000, '3m 05s'],
    [4_320_000, '1h 12m'],
    [90_000_000, '1d 1h'],
  ])('reads %i ms as %s', (milliseconds, text) => {
    expect(formatWaited(milliseconds)).toBe(text);
  });
});
