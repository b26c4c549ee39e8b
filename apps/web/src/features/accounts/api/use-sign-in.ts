import type { AuthResult } from '@dongne/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';

/** After login, signup or a confirmed OAuth link: adopt the token and the user in one step. */
export function useAdoptSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (result: AuthResult) => {
      queryClient.setQueryData(queryKeys.me, result.user);
      api.startSession(result.accessToken);
    },
    [queryClient],
  );
}
