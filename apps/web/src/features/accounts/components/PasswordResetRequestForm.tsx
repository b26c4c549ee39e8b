import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconMailCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError } from '../../../lib/api';
import { emailProblems, normaliseEmail } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { firstProblem } from '../form-errors';

/** Asks for a reset e-mail. The answer never says whether the address has an account. */
export function PasswordResetRequestForm() {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();
  const request = useMutation({ mutationFn: accountsApi.requestPasswordReset });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseEmail(email);
    const problem = firstProblem(t, emailProblems(normalised));
    setEmailError(problem);
    if (!problem) request.mutate(normalised);
  };

  if (request.isSuccess) {
    return (
      <Alert color="teal" variant="light" role="status" icon={<IconMailCheck size={18} aria-hidden />}>
        {t('auth.passwordReset.sent')}
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert message={request.error ? describeError(request.error, i18n) : undefined} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={emailError}
        />
        <Button type="submit" size="md" fullWidth loading={request.isPending}>
          {t('auth.passwordReset.submit')}
        </Button>
      </Stack>
    </form>
  );
}
