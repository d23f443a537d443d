import { countSteps } from './part-counting';

const step = (counter: string, offset: number) => ({ counter, offset });

describe('countSteps', () => {
  it('starts a part from nothing, one per step, up to the last offset', () => {
    expect(countSteps(undefined, [step('a', 3), step('b', 4), step('a', 5)])).toEqual({
      offset: 5,
      counts: { a: 2, b: 1 },
    });
  });

  it('adds nothing for a batch counted before (a replay or a redelivery)', () => {
    const part = { offset: 10, counts: { a: 4 } };
    expect(countSteps(part, [step('a', 9), step('a', 10)])).toBeNull();
  });

  it('counts only the steps past the offset of a batch it partly counted', () => {
    const part = { offset: 10, counts: { a: 4 } };
    expect(countSteps(part, [step('a', 9), step('a', 11), step('b', 12)])).toEqual({
      offset: 12,
      counts: { a: 5, b: 1 },
    });
  });

  it('counts every counter of one message, which share its offset', () => {
    expect(countSteps(undefined, [step('created', 0), step('category', 0)])).toEqual({
      offset: 0,
      counts: { created: 1, category: 1 },
    });
  });

  it('leaves the part it was given as it was (a cached part is replaced, not changed)', () => {
    const part = { offset: 1, counts: { a: 1 } };
    countSteps(part, [step('a', 2)]);
    expect(part).toEqual({ offset: 1, counts: { a: 1 } });
  });
});
