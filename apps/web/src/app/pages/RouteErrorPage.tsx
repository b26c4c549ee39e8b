import { Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { StatusPage } from './StatusPage';

/**
 * Any error thrown while rendering or loading a page (including a page chunk that failed to
 * download after a deploy: reloading fetches the new one). Links are plain <a>: the router
 * itself may be what broke.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage mark={<IconAlertTriangle size={64} />} title={t('errorPage.title')} text={t('errorPage.text')}>
      <Group justify="center">
        <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
        <Button component="a" href="/" variant="default">
          {t('errorPage.home')}
        </Button>
      </Group>
    </StatusPage>
  );
}
