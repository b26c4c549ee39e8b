import type { User } from '@dongne/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { api, describeError } from '../../../lib/api';
import { accountsApi } from '../api/accounts-api';
import { SectionCard } from './SectionCard';
import { PasswordField } from '../../../components/ui/PasswordField';

/** Account deletion behind a confirmation dialog that asks for the password (when there is one). */
export function DeleteAccountSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();

  const remove = useMutation({
    mutationFn: accountsApi.deleteAccount,
    onSuccess: () => {
      api.endSession();
      setOpen(false);
      notifications.show({ message: t('account.delete.done') });
      void navigate('/');
    },
  });

  const close = () => {
    setOpen(false);
    setPassword('');
    setPasswordError(undefined);
    remove.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (user.hasPassword && !password) {
      setPasswordError(t('validation.password.required'));
      return;
    }
    remove.mutate(user.hasPassword ? password : undefined);
  };

  return (
    <SectionCard id="account-delete" title={t('account.delete.title')} lead={t('account.delete.text')}>
      <Group justify="flex-end">
        <Button color="red" variant="outline" onClick={() => setOpen(true)}>
          {t('account.delete.open')}
        </Button>
      </Group>
      <Modal opened={open} onClose={close} title={t('account.delete.modalTitle')} centered>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {t(user.hasPassword ? 'account.delete.modalText' : 'account.delete.modalTextNoPassword')}
            </Text>
            <ErrorAlert message={remove.error ? describeError(remove.error, i18n) : undefined} />
            {user.hasPassword && (
              <PasswordField
                label={t('auth.password')}
                autoComplete="current-password"
                required
                data-autofocus
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={passwordError}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('account.delete.cancel')}
              </Button>
              <Button type="submit" color="red" loading={remove.isPending}>
                {t('account.delete.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </SectionCard>
  );
}
