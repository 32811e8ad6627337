// The signed-in user: loaded from /auth/me, set by login, cleared by logout or an expired session.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, apiGet, apiPost, setCsrfToken, setUnauthenticatedHandler } from './api';
import type { Me, Role, Session, User } from './types';

const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const s = await apiGet<Me>('/auth/me');
    setCsrfToken(s.csrfToken);
    return { user: s.user, csrfToken: s.csrfToken ?? '' };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

type SessionValue = { user: User | null; loading: boolean; logout: () => void };
const SessionContext = createContext<SessionValue>({ user: null, loading: true, logout: () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      qc.setQueryData(SESSION_KEY, null);
    });
  }, [qc]);
  const logout = useMutation({
    mutationFn: () => apiPost<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
    },
  });
  const value: SessionValue = {
    user: session.data?.user ?? null,
    loading: session.isPending,
    logout: () => logout.mutate(),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

/** Logs in; on success the session query holds the user and every screen can load. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => apiPost<Session>('/auth/login', input),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(SESSION_KEY, s);
    },
  });
}

export const isManager = (role: Role | undefined) => role === 'manager' || role === 'admin';
export const isAdmin = (role: Role | undefined) => role === 'admin';
