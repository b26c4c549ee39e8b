import type { User } from '@dongne/contracts';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError, fieldErrorsOf, isApiError } from '../../../lib/api';
import { passwordProblems } from '../account-rules';
import { accountsApi } from '../api/accounts-api';
import { allProblems, hasErrors, type FieldErrors } from '../form-errors';
import { SectionCard } from './SectionCard';
import { PasswordField } from '../../../components/ui/PasswordField';

export function PasswordChangeSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const change = useMutation({
    mutationFn: accountsApi.changePassword,
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      notifications.show({ color: 'teal', message: t('account.password.changed') });
    },
    onError: (error) =>
      // A wrong current password is a 403 without errors[]; it still belongs under that field.
      setErrors(
        isApiError(error) && error.code === 'account.wrong_password'
          ? { currentPassword: describeError(error, i18n) }
          : fieldErrorsOf(error, i18n),
      ),
  });

  if (!user.hasPassword) {
    return (
      <SectionCard id="account-password" title={t('account.password.title')}>
        <Text size="sm">{t('account.password.none')}</Text>
        <Anchor component={Link} to="/password-reset" size="sm">
          {t('auth.passwordReset.title')}
        </Anchor>
      </SectionCard>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      currentPassword: currentPassword ? undefined : t('validation.password.required'),
      newPassword: allProblems(t, passwordProblems(newPassword)),
    };
    setErrors(found);
    if (!hasErrors(found)) change.mutate({ currentPassword, newPassword });
  };

  const fieldErrors = change.error ? fieldErrorsOf(change.error, i18n) : {};
  const formError =
    change.error &&
    !hasErrors(fieldErrors) &&
    !(isApiError(change.error) && change.error.code === 'account.wrong_password')
      ? describeError(change.error, i18n)
      : undefined;

  return (
    <SectionCard id="account-password" title={t('account.password.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert message={formError} />
          <PasswordField
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordField
            label={t('account.password.new')}
            description={t('auth.signup.passwordHint')}
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={errors.newPassword}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
