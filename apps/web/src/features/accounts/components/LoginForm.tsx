import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError, fieldErrorsOf } from '../../../lib/api';
import { emailProblems, normaliseEmail } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { useAdoptSession } from '../api/use-sign-in';
import { firstProblem, hasErrors, type FieldErrors } from '../form-errors';
import { DemoAccounts } from './DemoAccounts';
import { PasswordField } from '../../../components/ui/PasswordField';

/**
 * E-mail and password login; calls onSignedIn once the session is adopted. `alternatives`
 * (social logins) sit between the form and the development-only demo accounts.
 */
export function LoginForm({ onSignedIn, alternatives }: { onSignedIn: () => void; alternatives?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const adoptSession = useAdoptSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const login = useMutation({
    mutationFn: accountsApi.login,
    onSuccess: (result) => {
      adoptSession(result);
      onSignedIn();
    },
    onError: (error) => setErrors(fieldErrorsOf(error, i18n)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      email: firstProblem(t, emailProblems(normaliseEmail(email))),
      password: password ? undefined : t('validation.password.required'),
    };
    setErrors(found);
    if (!hasErrors(found)) login.mutate({ email: normaliseEmail(email), password });
  };

  // Wrong credentials are not one field's fault: say it above the form, not under a field.
  const formError =
    login.error && !hasErrors(fieldErrorsOf(login.error, i18n)) ? describeError(login.error, i18n) : undefined;

  return (
    <Stack gap="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert message={formError} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
          />
          <PasswordField
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/password-reset" size="sm">
              {t('auth.login.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" size="md" fullWidth loading={login.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
      {alternatives}
      <DemoAccounts
        onPick={(account, demoPassword) => {
          setEmail(account);
          setPassword(demoPassword);
          setErrors({});
        }}
      />
    </Stack>
  );
}
