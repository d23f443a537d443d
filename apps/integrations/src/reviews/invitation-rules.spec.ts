import { decideOnClose, invitationId, maskEmail, nextAttemptAfter } from './invitation-rules';

describe('review invitation rules', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  const consumer = { email: 'ana@example.com', name: 'Ana' };
  const base = { consumer, visitorKnown: true, onlyRatedFourOrFive: false, rateable: true };

  it('retries after 5, 10 and 20 seconds, then parks', () => {
    const delays = [5_000, 10_000, 20_000];
    const waits = [1, 2, 3, 4].map(
      (failures) => nextAttemptAfter(failures, delays, now)?.getTime() ?? null,
    );
    expect(waits).toEqual([
      now.getTime() + 5_000,
      now.getTime() + 10_000,
      now.getTime() + 20_000,
      null,
    ]);
  });

  it('waits at least as long as a 429 asks', () => {
    expect(nextAttemptAfter(1, [5_000], now, 60_000)).toEqual(new Date(now.getTime() + 60_000));
    expect(nextAttemptAfter(1, [5_000], now, 1_000)).toEqual(new Date(now.getTime() + 5_000));
  });

  it('sends at once without the rating switch, and skips whom it cannot invite', () => {
    expect(decideOnClose({ ...base, rating: null })).toEqual({
      status: 'pending',
      skipReason: null,
    });
    expect(decideOnClose({ ...base, consumer: { email: '', name: 'Ana' }, rating: null })).toEqual({
      status: 'skipped',
      skipReason: 'no_email',
    });
    expect(decideOnClose({ ...base, consumer: null, visitorKnown: false, rating: 5 })).toEqual({
      status: 'skipped',
      skipReason: 'visitor_unknown',
    });
  });

  it('with the rating switch on, sends for 4 or 5, skips below, and waits for a rating to come', () => {
    const rated = (rating: number | null, rateable = true) =>
      decideOnClose({ ...base, onlyRatedFourOrFive: true, rateable, rating }).status;
    expect([5, 4, 3, 1].map((rating) => rated(rating))).toEqual([
      'pending',
      'pending',
      'skipped',
      'skipped',
    ]);
    expect(decideOnClose({ ...base, onlyRatedFourOrFive: true, rating: 2 }).skipReason).toBe(
      'rated_below_4',
    );
    expect(rated(null)).toBe('waiting_rating');
    expect(
      decideOnClose({ ...base, onlyRatedFourOrFive: true, rateable: false, rating: null }),
    ).toEqual({
      status: 'skipped',
      skipReason: 'not_rated',
    });
  });

  it('keys a conversation alike wherever it is computed, apart per tenant', () => {
    expect(invitationId('tenant-a', 'room-1')).toBe(invitationId('tenant-a', 'room-1'));
    expect(invitationId('tenant-a', 'intercom:7')).not.toBe(invitationId('tenant-b', 'intercom:7'));
  });

  it('masks an email for the log', () => {
    expect(maskEmail('ana@example.com')).toBe('a•••@example.com');
    expect(maskEmail('nonsense')).toBe('•••');
  });
});
