/**
 * The signed-in session: a 10-minute access token and a single-use refresh token, kept in
 * localStorage so every tab shares them. Refreshing is serialized across tabs with the Web
 * Locks API: the tenant service treats a refresh token presented twice as stolen and ends the
 * whole session, so two tabs must never refresh with the same token.
 */

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const STORAGE_KEY = 'parley.session';
const LOCK_NAME = 'parley.session.refresh';
// Refresh this long before the access token expires, so a request never carries a stale one.
const REFRESH_MARGIN_MS = 60_000;

type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();

function read(): Tokens | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

function write(tokens: Tokens | null): void {
  if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(tokens);
}

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const tokens = read();
  for (const listener of listeners) listener(tokens);
});

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentTokens(): Tokens | null {
  return read();
}

export function storeTokens(tokens: Tokens): void {
  write({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

export function clearSession(): void {
  write(null);
}

/** Milliseconds since the epoch at which a JWT expires (0 if it cannot be read). */
export function expiresAt(jwt: string): number {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: number };
    return typeof exp === 'number' ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

const fresh = (tokens: Tokens | null): tokens is Tokens =>
  !!tokens && expiresAt(tokens.accessToken) - Date.now() > REFRESH_MARGIN_MS;

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks exist in every browser the dashboard supports; the fallback keeps old ones working
  // in a single tab.
  if (navigator.locks) return navigator.locks.request(LOCK_NAME, work);
  return work();
}

let inFlight: Promise<string | null> | null = null;

/**
 * A valid access token, refreshed first when it is about to expire (`force`: refresh even if it
 * looks valid, after the server refused it). Null when there is no session any more.
 */
export function accessToken(force = false): Promise<string | null> {
  const tokens = read();
  if (!tokens) return Promise.resolve(null);
  if (!force && fresh(tokens)) return Promise.resolve(tokens.accessToken);
  inFlight ??= withRefreshLock(async () => {
    const latest = read();
    if (!latest) return null;
    // Another tab may have refreshed while this one waited for the lock.
    if (latest.refreshToken !== tokens.refreshToken && fresh(latest)) return latest.accessToken;
    const response = await fetch('/api/tenant/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: latest.refreshToken }),
    });
    if (response.status === 401 || response.status === 400) {
      clearSession();
      return null;
    }
    if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
    const renewed = (await response.json()) as Tokens;
    // Signed out (in this tab or another) while the refresh was on its way: stay signed out.
    if (read()?.refreshToken !== latest.refreshToken) return null;
    storeTokens(renewed);
    return renewed.accessToken;
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** Refreshes quietly ahead of expiry while the dashboard is open. */
export function keepSessionFresh(): () => void {
  const timer = window.setInterval(() => {
    const tokens = read();
    if (tokens && !fresh(tokens)) void accessToken().catch(() => undefined);
  }, 15_000);
  return () => window.clearInterval(timer);
}
