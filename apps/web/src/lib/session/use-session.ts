import type { User } from '@dongne/contracts';
import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, sessionStore, type SessionStatus } from '../api';
import { queryKeys } from '../query-keys';

export const useSessionStatus = (): SessionStatus =>
  useSyncExternalStore(sessionStore.subscribe, () => sessionStore.get().status);

export interface SessionView {
  status: SessionStatus;
  /** Present once signed in and /api/me has answered. */
  user: User | undefined;
}

/** The signed-in user (GET /api/me), shared by every component through the query cache. */
export function useSession(): SessionView {
  const status = useSessionStatus();
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.request<User>('/api/me', { signal }),
    enabled: status === 'signedIn',
    staleTime: 60_000,
  });
  return { status, user: status === 'signedIn' ? me.data : undefined };
}
