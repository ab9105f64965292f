import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import { ApiRequestError } from '../api/api-error.js';
import type { SessionInfo, User } from '../api/api-types.js';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'signed-in'; readonly user: User };

export interface Session {
  readonly state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

/**
 * Who is signed in: asked once on load (GET /api/auth/me, which also gives back the CSRF token of a
 * cookie session, so a reload keeps working), then set by signing in and out.
 */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    api.get<SessionInfo>('/api/auth/me').then(
      (info) => {
        api.setCsrfToken(info.csrfToken);
        if (current) setState({ status: 'signed-in', user: info.user });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiRequestError && error.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const info = await api.post<SessionInfo>('/api/auth/login', { username, password });
    api.setCsrfToken(info.csrfToken);
    setState({ status: 'signed-in', user: info.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout');
    } finally {
      api.setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);

  return { state, signIn, signOut };
}
