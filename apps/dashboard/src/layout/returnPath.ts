import { useLocation } from 'react-router';

const STORAGE_KEY = 'parley.returnPath';
const HOME = '/inbox';

/** Where the user was going when asked to sign in (App puts it in the location's state). */
export function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') ? from : HOME;
}

/** Keeps the destination across Google's full-page round trip, in this tab only. */
export function rememberReturnPath(path: string): void {
  sessionStorage.setItem(STORAGE_KEY, path);
}

export function takeRememberedReturnPath(): string {
  const path = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  return path?.startsWith('/') ? path : HOME;
}
