import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
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
  can(permission: string): boolean;
  signIn(answer: SignedIn): Promise<void>;
  signOut(): Promise<void>;
  /** Reads /me again, after a change to the workspace's name or the user's own roles. */
  reloadMe(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(currentTokens() ? undefined : null);

  const loadMe = useCallback(async () => {
    try {
      const answer = await api<Me>('/api/tenant/me');
      setMe(answer);
    } catch {
      // A failed reload keeps the user already shown; without a session any more, signed out.
      setMe((previous) => (currentTokens() ? previous : null));
    }
  }, []);

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
  }, [loadMe]);

  const signIn = useCallback(
    async (answer: SignedIn) => {
      storeTokens(answer);
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
    <SessionContext.Provider value={{ me, can, signIn, signOut, reloadMe: loadMe }}>
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
