import {
  afterFailure,
  claimAbandoned,
  expiryReason,
  heldByAnotherSender,
  messageDomainOf,
} from './delivery-policy';

const NOW = Date.parse('2026-03-02T12:00:00.000Z');
const HOUR = 3_600_000;
const DELAYS = [5_000, 10_000, 20_000];

describe('expiryReason', () => {
  it('lets a notification requested within EMAIL_MAX_AGE_HOURS be sent', () => {
    expect(expiryReason(new Date(NOW - 24 * HOUR).toISOString(), NOW, 24)).toBeNull();
  });

  it('expires one requested longer ago, saying how old it was and what the limit is', () => {
    expect(expiryReason(new Date(NOW - 30.5 * HOUR).toISOString(), NOW, 24)).toBe(
      'expired: requested 30 hours ago, more than EMAIL_MAX_AGE_HOURS (24)',
    );
  });
});

describe('afterFailure', () => {
  it('waits each retry delay in turn after a temporary failure', () => {
    const dueAfter = (attempt: number) => {
      const next = afterFailure({ attempt, retriedAfter: 0, permanent: false }, DELAYS, NOW);
      return next.giveUp ? 'give up' : next.dueAt.getTime() - NOW;
    };
    expect([1, 2, 3, 4].map(dueAfter)).toEqual([5_000, 10_000, 20_000, 'give up']);
  });

  it('gives up at once on a permanent failure', () => {
    expect(afterFailure({ attempt: 1, retriedAfter: 0, permanent: true }, DELAYS, NOW)).toEqual({
      giveUp: true,
    });
  });

  it('starts the retries over after a retry by hand', () => {
    const next = afterFailure({ attempt: 5, retriedAfter: 4, permanent: false }, DELAYS, NOW);
    expect(next).toEqual({ giveUp: false, dueAt: new Date(NOW + 5_000) });
  });

  it('never retries when no retry delays are configured', () => {
    expect(afterFailure({ attempt: 1, retriedAfter: 0, permanent: false }, [], NOW).giveUp).toBe(
      true,
    );
  });
});

describe('heldByAnotherSender', () => {
  const sending = (agoMs: number) => ({
    state: 'sending' as const,
    lastAttemptAt: new Date(NOW - agoMs),
  });

  it('leaves a notification alone while its sender is within the sending timeout', () => {
    expect(heldByAnotherSender(sending(59_999), NOW, 60_000)).toBe(true);
  });

  it('takes a send over once the sending timeout has passed (its process died)', () => {
    expect(heldByAnotherSender(sending(60_000), NOW, 60_000)).toBe(false);
  });

  it('holds nothing that is not being sent', () => {
    expect(
      heldByAnotherSender({ state: 'failed', lastAttemptAt: new Date(NOW) }, NOW, 60_000),
    ).toBe(false);
  });
});

describe('claimAbandoned', () => {
  it('counts a claim unrecorded for the sending timeout as abandoned', () => {
    expect(claimAbandoned(new Date(NOW - 60_000), NOW, 60_000)).toBe(true);
  });

  it('leaves a recent claim to its sender, and a missing one alone', () => {
    expect(claimAbandoned(new Date(NOW - 1_000), NOW, 60_000)).toBe(false);
    expect(claimAbandoned(null, NOW, 60_000)).toBe(false);
  });
});

describe('messageDomainOf', () => {
  it("takes the Message-ID domain from the sender's address", () => {
    expect(messageDomainOf('Parley <no-reply@mail.example.com>')).toBe('mail.example.com');
    expect(messageDomainOf('bot@example.org')).toBe('example.org');
  });

  it('falls back to parley.local for a sender without a domain', () => {
    expect(messageDomainOf('Parley')).toBe('parley.local');
  });
});
