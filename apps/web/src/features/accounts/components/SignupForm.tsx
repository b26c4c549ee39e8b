import { Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError, fieldErrorsOf } from '../../../lib/api';
import { emailProblems, nicknameProblems, normaliseEmail, normaliseNickname, passwordProblems } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { useAdoptSession } from '../api/use-sign-in';
import { allProblems, firstProblem, hasErrors, type FieldErrors } from '../form-errors';
import { PasswordField } from '../../../components/ui/PasswordField';

/** E-mail signup with the server's rules checked before sending; server errors land on their field. */
export function SignupForm({ onSignedUp }: { onSignedUp: () => void }) {
  const { t, i18n } = useTranslation();
  const adoptSession = useAdoptSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const signup = useMutation({
    mutationFn: accountsApi.signup,
    onSuccess: (result) => {
      adoptSession(result);
      onSignedUp();
    },
    onError: (error) => setErrors(fieldErrorsOf(error, i18n)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { email: normaliseEmail(email), password, nickname: normaliseNickname(nickname) };
    const found: FieldErrors = {
      email: firstProblem(t, emailProblems(body.email)),
      password: allProblems(t, passwordProblems(body.password)),
      nickname: firstProblem(t, nicknameProblems(body.nickname)),
    };
    setErrors(found);
    if (!hasErrors(found)) signup.mutate(body);
  };

  const formError =
    signup.error && !hasErrors(fieldErrorsOf(signup.error, i18n)) ? describeError(signup.error, i18n) : undefined;

  return (
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
          description={t('auth.signup.passwordHint')}
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
        />
        <TextInput
          label={t('auth.nickname')}
          description={t('auth.signup.nicknameHint')}
          autoComplete="nickname"
          required
          value={nickname}
          onChange={(event) => setNickname(event.currentTarget.value)}
          error={errors.nickname}
        />
        <Button type="submit" size="md" fullWidth loading={signup.isPending}>
          {t('auth.signup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
