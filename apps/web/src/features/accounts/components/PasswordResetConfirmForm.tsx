import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError, fieldErrorsOf } from '../../../lib/api';
import { passwordProblems } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { allProblems, hasErrors, type FieldErrors } from '../form-errors';
import { PasswordField } from '../../../components/ui/PasswordField';

/** Sets a new password with the token from the reset e-mail. */
export function PasswordResetConfirmForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const confirm = useMutation({
    mutationFn: accountsApi.confirmPasswordReset,
    onSuccess: onDone,
    onError: (error) => setErrors(fieldErrorsOf(error, i18n)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      newPassword: allProblems(t, passwordProblems(newPassword)),
      confirmation: confirmation === newPassword ? undefined : t('validation.password.mismatch'),
    };
    setErrors(found);
    if (!hasErrors(found)) confirm.mutate({ token, newPassword });
  };

  const formError =
    confirm.error && !hasErrors(fieldErrorsOf(confirm.error, i18n)) ? describeError(confirm.error, i18n) : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert message={formError} />
        <PasswordField
          label={t('auth.passwordResetConfirm.newPassword')}
          description={t('auth.signup.passwordHint')}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={errors.newPassword}
        />
        <PasswordField
          label={t('auth.passwordResetConfirm.confirmPassword')}
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={errors.confirmation}
        />
        <Button type="submit" size="md" fullWidth loading={confirm.isPending}>
          {t('auth.passwordResetConfirm.submit')}
        </Button>
      </Stack>
    </form>
  );
}
