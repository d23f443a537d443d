import { TypingSignal } from './typing-signal';

describe("the agent's typing indicator", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('tells the visitor once per few seconds of typing, not once per key', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    for (let key = 0; key < 10; key++) signal.keystroke(1000 + key * 100);
    expect(sent).toEqual([true]);
    signal.keystroke(5000);
    expect(sent).toEqual([true, true]);
  });

  it('turns off after a pause', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    signal.keystroke();
    jest.advanceTimersByTime(4000);
    expect(sent).toEqual([true, false]);
  });

  it('turns off at once when the message is sent, and only once', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    signal.keystroke();
    signal.stop();
    signal.stop();
    jest.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
