/** Who is signed in. The session lives in the server's httpOnly cookie; the client only keeps the user view. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserView } from '@shared/schemas/auth';
import { api, ApiError, setUnauthorizedHandler } from './api';

export interface Auth {
  /** 'loading' until the first /api/auth/me answers. */
  status: 'loading' | 'ready';
  user: UserView | null;
  /** Set when the session could not be checked for another reason than "not signed in". */
  loadError: ApiError | null;
  /** True after the server ended a session the page was using (until the next login). */
  sessionEnded: boolean;
  login(username: string, password: string): Promise<UserView>;
  logout(): Promise<void>;
  reload(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Auth['status']>('loading');
  const [user, setUser] = useState<UserView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);

  const reload = useCallback(async () => {
    try {
      const { user } = await api.me();
      setUser(user);
      setLoadError(null);
    } catch (e) {
      setUser(null);
      setLoadError(e instanceof ApiError && e.status !== 401 ? e : null);
    } finally {
      setStatus('ready');
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A session that ends while a page is open (expiry, logout in another tab) sends the user back to the login page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setSessionEnded(true);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api.login(username, password);
    setUser(result.user);
    setLoadError(null);
    setSessionEnded(false);
    return result.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo<Auth>(
    () => ({ status, user, loadError, sessionEnded, login, logout, reload }),
    [status, user, loadError, sessionEnded, login, logout, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Court staff work on cases, institution operators in their inbox; everyone else starts at the workspace page. */
export function homePathFor(user: UserView): string {
  if (user.role === 'judge' || user.role === 'clerk') return '/cases';
  if (user.role === 'institution_operator') return '/inbox';
  return '/home';
}
