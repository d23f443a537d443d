import { CoalescedRuns } from './coalesced-runs';

/** Work that stays running until released, counting its starts. */
function gatedWork() {
  const releases: Array<() => void> = [];
  let starts = 0;
  const work = () => {
    starts += 1;
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { work, releases, starts: () => starts };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedRuns', () => {
  it('runs once for callers during a run, after it, and again for callers after that', async () => {
    const runs = new CoalescedRuns();
    const { work, releases, starts } = gatedWork();
    const first = runs.run('tenant', work);
    const during = [runs.run('tenant', work), runs.run('tenant', work), runs.run('tenant', work)];
    expect(starts()).toBe(1);
    expect(during[0]).toBe(during[2]);

    let duringDone = false;
    void during[0].then(() => (duringDone = true));
    releases[0]();
    await first;
    await settled();
    expect(starts()).toBe(2);
    expect(duringDone).toBe(false);

    const afterSecondStarted = runs.run('tenant', work);
    releases[1]();
    await Promise.all(during);
    await settled();
    expect(starts()).toBe(3);
    releases[2]();
    await afterSecondStarted;
  });

  it('keeps keys apart and goes on after a failed run', async () => {
    const runs = new CoalescedRuns();
    let calls = 0;
    await expect(
      runs.run('a', () => {
        calls += 1;
        return Promise.reject(new Error('down'));
      }),
    ).rejects.toThrow('down');
    await runs.run('a', async () => {
      calls += 1;
    });
    await runs.run('b', async () => {
      calls += 1;
    });
    expect(calls).toBe(3);
  });
});

describe('CoalescedRuns with spacing', () => {
  it('starts a waiting run the spacing after the one before ended, and an idle one at once', async () => {
    const runs = new CoalescedRuns(200);
    const starts: number[] = [];
    const work = async () => {
      starts.push(Date.now());
    };
    const first = runs.run('tenant', work);
    const waiting = runs.run('tenant', work);
    await Promise.all([first, waiting]);
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(195);
    const calledAt = Date.now();
    await runs.run('tenant', work);
    expect(starts[2] - calledAt).toBeLessThan(100);
  });
});
