import { formatTarget, secondsOfMinutes } from './slaTypes';

describe('SLA targets in the dashboard', () => {
  it('reads minutes typed, decimals included, as whole seconds', () => {
    expect(secondsOfMinutes('15')).toBe(900);
    expect(secondsOfMinutes('0.5')).toBe(30);
    expect(secondsOfMinutes('1,5')).toBe(90);
    expect(secondsOfMinutes('')).toBeNaN();
    expect(secondsOfMinutes('soon')).toBeNaN();
  });

  it('writes targets the way people say them', () => {
    expect(formatTarget(45)).toBe('45 s');
    expect(formatTarget(900)).toBe('15 min');
    expect(formatTarget(7200)).toBe('2 h');
    expect(formatTarget(9000)).toBe('2 h 30 min');
  });
});
