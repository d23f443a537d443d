import { setTimeout as sleep } from 'node:timers/promises';
import { GroupCommit, type GroupOutcome } from './group-commit';

function ok(item: number): GroupOutcome<string> {
  return { ok: true, value: `stored ${item}` };
}

/**
 * A store that records each write's items and answers each item as `answer` says; with
 * `holdWrites`, writes wait until `finishWrites()`.
 */
function recordingStore({ answer = ok, holdWrites = false } = {}) {
  const writes: number[][] = [];
  let release: (() => void) | undefined;
  const held = holdWrites ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const write = async (items: number[]) => {
    writes.push(items);
    await held;
    return items.map(answer);
  };
  return { writes, write, finishWrites: () => release?.() };
}

describe('GroupCommit', () => {
  it('writes what arrives during a write in the next write, and answers each item its own outcome', async () => {
    const store = recordingStore({
      answer: (item) => (item === 3 ? { ok: false, error: new Error('refused 3') } : ok(item)),
      holdWrites: true,
    });
    const groups = new GroupCommit(store.write, { maxGroup: 10 });
    const first = groups.submit(1);
    await sleep(5);
    const during = [groups.submit(2), groups.submit(3), groups.submit(4)];
    store.finishWrites();

    await expect(first).resolves.toBe('stored 1');
    await expect(during[0]).resolves.toBe('stored 2');
    await expect(during[1]).rejects.toThrow('refused 3');
    await expect(during[2]).resolves.toBe('stored 4');
    expect(store.writes).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every item of a group whose write fails, and goes on with the next group', async () => {
    let calls = 0;
    const groups = new GroupCommit<number, string>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return items.map(ok);
      },
      { maxGroup: 10 },
    );
    const failed = [groups.submit(1), groups.submit(2)];
    await expect(failed[0]).rejects.toThrow('database away');
    await expect(failed[1]).rejects.toThrow('database away');
    await expect(groups.submit(3)).resolves.toBe('stored 3');
  });

  it('takes at most maxGroup items in one write', async () => {
    const store = recordingStore();
    const groups = new GroupCommit(store.write, { maxGroup: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => groups.submit(item)));
    expect(store.writes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('with a linger, gathers what arrives within it after a write into one write', async () => {
    const store = recordingStore();
    const groups = new GroupCommit(store.write, { maxGroup: 100, lingerMs: 200 });
    await groups.submit(1);
    const later = [2, 3, 4].map((item) => groups.submit(item));
    await sleep(50);
    later.push(groups.submit(5));
    await Promise.all(later);
    expect(store.writes).toEqual([[1], [2, 3, 4, 5]]);
  });
});
