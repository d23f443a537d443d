import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or the time is up, then throws its last failure.
 * For effects that cross Kafka, whose timing a test cannot know.
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  { timeoutMs = 20000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
