import { Alert, Center, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';
import { accountsApi } from '../api/accounts-api';

/**
 * Spends the token from the verification e-mail as soon as the page opens. It is a query keyed
 * by the token, not an effect, so StrictMode's double mount and re-renders send it only once
 * (a token works once: a second POST would report "already used").
 */
export function EmailVerification({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const verification = useQuery({
    queryKey: queryKeys.emailVerification(token),
    queryFn: async () => {
      await accountsApi.verifyEmail(token);
      return true;
    },
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });

  useEffect(() => {
    if (verification.isSuccess) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }, [verification.isSuccess, queryClient]);

  if (verification.isPending) {
    return (
      <Center py="lg" role="status">
        <Stack align="center" gap="sm">
          <Loader aria-hidden />
          {t('auth.verifyEmail.verifying')}
        </Stack>
      </Center>
    );
  }
  if (verification.isError) {
    return (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />}>
        {describeError(verification.error, i18n)}
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck size={18} aria-hidden />}>
      {t('auth.verifyEmail.done')}
    </Alert>
  );
}
