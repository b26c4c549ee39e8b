import { ActionIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Placeholder until the notification centre lands: says so instead of doing nothing. */
export function NotificationBell() {
  const { t } = useTranslation();
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="lg"
      aria-label={t('nav.notifications')}
      onClick={() => notifications.show({ message: t('nav.notificationsSoon') })}
    >
      <IconBell size={20} aria-hidden />
    </ActionIcon>
  );
}
