import { Button, Group, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { loginPathFor } from '../../lib/return-to';
import { useSession } from '../../lib/session/use-session';

const AccountMenu = lazy(() => import('./AccountMenu'));

const placeholder = <Skeleton height={34} width={72} radius="xl" />;

/** Log in / sign up for visitors; the account menu for members. */
export function AccountArea() {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const location = useLocation();

  if (status === 'restoring' || (status === 'signedIn' && !user)) return placeholder;

  if (!user) {
    // Coming back here after logging in, unless "here" is already an auth page.
    const onAuthPage = /^\/(login|signup|password-reset)/.test(location.pathname);
    return (
      <Group gap={6} wrap="nowrap">
        <Button
          component={Link}
          to={onAuthPage ? '/login' : loginPathFor(`${location.pathname}${location.search}`)}
          variant="default"
          size="sm"
        >
          {t('nav.login')}
        </Button>
        <Button component={Link} to="/signup" size="sm" visibleFrom="sm">
          {t('nav.signup')}
        </Button>
      </Group>
    );
  }

  return (
    <Suspense fallback={placeholder}>
      <AccountMenu user={user} />
    </Suspense>
  );
}
