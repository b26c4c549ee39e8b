import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';

/** Logs out on the server and in this tab, then goes home and says so. */
export function useLogout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return useCallback(async () => {
    await api.logout();
    notifications.show({ message: t('auth.loggedOut') });
    void navigate('/');
  }, [navigate, t]);
}
