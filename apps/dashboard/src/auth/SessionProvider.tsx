import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { api } from '../api/client';
import {
  clearSession,
  currentTokens,
  keepSessionFresh,
  onSessionChange,
  storeTokens,
  type Tokens,
} from '../api/session';

export interface Me {
  user: { id: string; email: string; name: string; roles: string[]; permissions: string[] };
  tenant: { id: string; name: string };
}

/** The answer of sign-up, login, invitation acceptance and the Google exchange. */
export interface SignedIn extends Tokens {
  user: { id: string; email: string; name: string };
  tenant: { id: string; name: string };
}

interface SessionState {
  /** Undefined while loading; null when signed out. */
  me: Me | null | undefined;
  /** Loading the signed-in user failed (the API is unreachable); it is being tried again. */
  unreachable: boolean;
  can(permission: string): boolean;
  signIn(answer: SignedIn): Promise<void>;
  signOut(): Promise<void>;
  /** Reads /me again, after a change to the workspace's name or the user's own roles. */
  reloadMe(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(currentTokens() ? undefined : null);
  const [unreachable, setUnreachable] = useState(false);
  // The user shown right now, for the loader to read without re-creating itself.
  const shown = useRef(me);
  const setMe = useCallback((next: Me | null | undefined) => {
    shown.current = next;
    setMeState(next);
  }, []);

  const loadMe = useCallback(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await api<Me>('/api/tenant/me');
        setUnreachable(false);
        return setMe(answer);
      } catch {
        if (!currentTokens()) return setMe(null);
        // A failed reload keeps the user already shown. With nobody shown yet the dashboard
        // cannot start, so it says so and keeps trying.
        if (shown.current) return;
        setUnreachable(true);
        await new Promise((wake) => setTimeout(wake, Math.min(1000 * 2 ** attempt, 15_000)));
      }
    }
  }, [setMe]);

  useEffect(() => {
    if (currentTokens()) void loadMe();
    const stopRefreshing = keepSessionFresh();
    const unsubscribe = onSessionChange((tokens) => {
      if (!tokens) setMe(null);
    });
    return () => {
      stopRefreshing();
      unsubscribe();
    };
  }, [loadMe, setMe]);

  const signIn = useCallback(
    async (answer: SignedIn) => {
      storeTokens(answer);
      // Resolves once the user is loaded (retried while the API is unreachable), so the page
      // that signed in keeps its pending state until then.
      await loadMe();
    },
    [loadMe],
  );

  const signOut = useCallback(async () => {
    const tokens = currentTokens();
    clearSession();
    if (tokens)
      await api('/api/tenant/auth/logout', {
        method: 'POST',
        body: { refreshToken: tokens.refreshToken },
        anonymous: true,
      }).catch(() => undefined);
  }, []);

  const can = useCallback(
    (permission: string) => !!me?.user.permissions.includes(permission),
    [me],
  );

  return (
    <SessionContext.Provider value={{ me, unreachable, can, signIn, signOut, reloadMe: loadMe }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages under the signed-in layout. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
