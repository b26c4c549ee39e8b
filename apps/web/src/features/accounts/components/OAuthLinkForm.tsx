import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError } from '../../../lib/api';
import { accountsApi } from '../api/accounts-api';
import { useAdoptSession } from '../api/use-sign-in';
import { PasswordField } from '../../../components/ui/PasswordField';

/**
 * The provider's verified e-mail belongs to an existing account: its owner proves it with the
 * password (POST /api/auth/oauth/link/confirm) and is signed in with the provider linked.
 */
export function OAuthLinkForm({ ticket, onSignedIn }: { ticket: string; onSignedIn: () => void }) {
  const { t, i18n } = useTranslation();
  const adoptSession = useAdoptSession();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const confirm = useMutation({
    mutationFn: accountsApi.confirmOAuthLink,
    onSuccess: (result) => {
      adoptSession(result);
      onSignedIn();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = password ? undefined : t('validation.password.required');
    setPasswordError(problem);
    if (!problem) confirm.mutate({ ticket, password });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert message={confirm.error ? describeError(confirm.error, i18n) : undefined} />
        <PasswordField
          label={t('auth.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={passwordError}
        />
        <Button type="submit" size="md" fullWidth loading={confirm.isPending}>
          {t('auth.link.submit')}
        </Button>
      </Stack>
    </form>
  );
}
