import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Principal, Session } from '../../../server/auth/session.schemas';
import type { AccountRole } from '../../../server/db/schema';
import { api, ApiFailure, onSessionEnded, setCsrfToken } from './api';

export type { AccountRole, Session };

/** The signed-in account exactly as the server resolves it (`req.principal`), which /api/me and login return. */
export type User = Principal;

interface SessionState {
  user: User | null;
  loading: boolean;
  /** The server ended the session for want of activity: the login page says so. */
  expired: boolean;
  signedIn(session: Session): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  // Any request may be the one that finds the session gone; the routes then send the page to the login form.
  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(null);
      setUser(null);
      setExpired(true);
    });
  }, []);

  useEffect(() => {
    api<Session>('/api/me')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch((e) => {
        if (!(e instanceof ApiFailure) || e.status !== 401) console.error(e);
      })
      .finally(() => setLoading(false));
  }, []);

  const signedIn = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setExpired(false);
  }, []);

  const logout = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, loading, expired, signedIn, logout }}>{children}</SessionContext.Provider>;
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
