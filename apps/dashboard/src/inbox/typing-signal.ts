/** Sent again this often while the agent keeps typing, so the visitor's indicator stays on. */
const REPEAT_MS = 3000;
/** No keystroke for this long: the agent stopped typing. */
const IDLE_MS = 4000;

/**
 * The agent's typing state as the visitor sees it, throttled: one `true` per few seconds of
 * typing rather than one per keystroke, and one `false` when the agent pauses or sends.
 */
export class TypingSignal {
  private typing = false;
  private lastSentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (typing: boolean) => void) {}

  keystroke(now = Date.now()): void {
    if (!this.typing || now - this.lastSentAt >= REPEAT_MS) {
      this.typing = true;
      this.lastSentAt = now;
      this.emit(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idleTimer);
    if (!this.typing) return;
    this.typing = false;
    this.emit(false);
  }
}
