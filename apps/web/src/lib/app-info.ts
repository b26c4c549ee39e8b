import type { AppInfo } from '@dongne/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { queryKeys } from './query-keys';

/** What the server says about itself (test payments, demo accounts); fixed for the process's life. */
export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: ({ signal }) => api.request<AppInfo>('/api/app-info', { auth: false, signal }),
    staleTime: Infinity,
  });
}
