import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { typingNotifier } from './typing-notifier';

describe('the typing indicator sent to the agent', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('says "typing" once for a burst of keystrokes, and "stopped" after a pause', () => {
    const sent: boolean[] = [];
    const notifier = typingNotifier((typing) => sent.push(typing), { pauseMs: 2000 });
    for (let key = 0; key < 10; key++) {
      notifier.keystroke();
      jest.advanceTimersByTime(100);
    }
    expect(sent).toEqual([true]);
    jest.advanceTimersByTime(2000);
    expect(sent).toEqual([true, false]);
  });

  it('repeats "typing" during long typing so the agent\'s indicator does not expire', () => {
    const sent: boolean[] = [];
    const notifier = typingNotifier((typing) => sent.push(typing), {
      repeatAfterMs: 3000,
      pauseMs: 2000,
    });
    for (let key = 0; key < 35; key++) {
      notifier.keystroke();
      jest.advanceTimersByTime(200);
    }
    expect(sent).toEqual([true, true, true]);
  });

  it('says "stopped" at once when the message is sent, and only once', () => {
    const sent: boolean[] = [];
    const notifier = typingNotifier((typing) => sent.push(typing));
    notifier.keystroke();
    notifier.stop();
    jest.advanceTimersByTime(10_000);
    notifier.stop();
    expect(sent).toEqual([true, false]);
  });
});
