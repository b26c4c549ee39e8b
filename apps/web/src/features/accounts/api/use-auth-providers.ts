import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { accountsApi } from './accounts-api';

/** The social login providers this server has configured (none in a bare development setup). */
export function useAuthProviders() {
  return useQuery({
    queryKey: queryKeys.authProviders,
    queryFn: ({ signal }) => accountsApi.providers(signal),
    staleTime: Infinity,
  });
}
