import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

const quietLogger = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('PeriodicTask', () => {
  it('never runs twice at once, and runs once more after a run asked for meanwhile', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let runs = 0;
    const task = new PeriodicTask('sweep', 60_000, async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(20);
      runs += 1;
      inFlight -= 1;
    });
    task.trigger();
    task.trigger();
    task.trigger();
    await sleep(5);
    await task.idle();
    expect(maxInFlight).toBe(1);
    expect(runs).toBe(2);
    await task.stop();
  });

  it('runs again at once while a run says there may be more work', async () => {
    const backlog = [3, 2, 1, 0];
    const task = new PeriodicTask('drain', 60_000, async () => (backlog.shift() ?? 0) > 0);
    task.trigger();
    await task.idle();
    expect(backlog).toEqual([]);
    await task.stop();
  });

  it('logs a failed run and keeps running on the interval', async () => {
    const logger = quietLogger();
    let calls = 0;
    const task = new PeriodicTask(
      'flaky',
      10,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
      logger,
    );
    task.start({ immediately: true });
    await sleep(60);
    await task.stop();
    expect(logger.warn).toHaveBeenCalledWith('flaky failed: database away');
    expect(calls).toBeGreaterThan(1);
  });

  it('waits for the run in flight when stopped, and starts none after', async () => {
    let finished = false;
    let runs = 0;
    const task = new PeriodicTask('slow', 60_000, async () => {
      runs += 1;
      await sleep(30);
      finished = true;
    });
    task.trigger();
    await task.stop();
    expect(finished).toBe(true);
    task.trigger();
    await sleep(5);
    expect(runs).toBe(1);
  });
});
