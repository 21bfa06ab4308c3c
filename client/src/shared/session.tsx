import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Principal, Session } from '../../../server/auth/session.schemas';
import type { AccountRole } from '../../../server/db/schema';
import { api, ApiFailure, onSessionEnded, setCsrfToken } from './api';
import { DEFAULT_TIME_ZONE } from './format';

export type { AccountRole, Session };

/** The signed-in account exactly as the server resolves it (`req.principal`), which /api/me and login return. */
export type User = Principal;

interface SessionState {
  user: User | null;
  loading: boolean;
  /** The account has not agreed to the current consent text: nothing else opens until it does. */
  consentRequired: boolean;
  /** The zone the account's own times are written in. */
  timeZone: string;
  /** The login before this one, shown once right after logging in with the password; null once dismissed. */
  previousLogin: string | null;
  /** `login`: the person has just typed the password, so the previous login is news to show. */
  signedIn(session: Session, how?: { login?: boolean }): void;
  dismissPreviousLogin(): void;
  /** The server ended the session for want of activity: the login page says so. */
  expired: boolean;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [previousLogin, setPreviousLogin] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  // Any request may be the one that finds the session gone; the routes then send the page to the login form.
  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(null);
      setSession(null);
      setExpired(true);
    });
  }, []);

  useEffect(() => {
    api<Session>('/api/me')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      })
      .catch((e) => {
        if (!(e instanceof ApiFailure) || e.status !== 401) console.error(e);
      })
      .finally(() => setLoading(false));
  }, []);

  const signedIn = useCallback((s: Session, how: { login?: boolean } = {}) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
    setExpired(false);
    if (how.login) setPreviousLogin(s.previousLoginAt);
  }, []);

  const dismissPreviousLogin = useCallback(() => setPreviousLogin(null), []);

  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(null);
    setSession(null);
    setPreviousLogin(null);
  }, []);

  const state: SessionState = {
    user: session?.user ?? null,
    loading,
    consentRequired: session?.consentRequired ?? false,
    timeZone: session?.timeZone ?? DEFAULT_TIME_ZONE,
    previousLogin,
    expired,
    signedIn,
    dismissPreviousLogin,
    logout,
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user; only used under routes that require one. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
