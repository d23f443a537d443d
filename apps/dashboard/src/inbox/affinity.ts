import { randomId } from './random-id';

const STORAGE_KEY = 'parley.affinity';

/**
 * A random id kept once per browser: nginx hashes on it so that socket.io's long-polling
 * requests of this browser always reach the same chat replica.
 */
export function chatAffinity(): string {
  try {
    const known = localStorage.getItem(STORAGE_KEY);
    if (known) return known;
    const created = randomId();
    localStorage.setItem(STORAGE_KEY, created);
    return created;
  } catch {
    // Storage refused (private mode): stickiness then lasts as long as the page.
    return randomId();
  }
}
