/**
 * Turns keystrokes into few `typing` events: `true` when typing starts (repeated now and then
 * so the agent's indicator does not time out), `false` after a pause or when the message is sent.
 */
export function typingNotifier(
  emit: (typing: boolean) => void,
  { repeatAfterMs = 3000, pauseMs = 2500 } = {},
) {
  let typing = false;
  let announcedAt = 0;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(pauseTimer);
    if (!typing) return;
    typing = false;
    emit(false);
  };

  const keystroke = () => {
    const now = Date.now();
    if (!typing || now - announcedAt >= repeatAfterMs) {
      typing = true;
      announcedAt = now;
      emit(true);
    }
    clearTimeout(pauseTimer);
    pauseTimer = setTimeout(stop, pauseMs);
  };

  return { keystroke, stop };
}
