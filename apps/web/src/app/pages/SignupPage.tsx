import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { SignupForm, SocialLoginButtons } from '../../features/accounts';
import { safeReturnTo } from '../../lib/return-to';
import { useSessionStatus } from '../../lib/session/use-session';
import { useDocumentTitle } from '../../lib/use-document-title';

export function SignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useSessionStatus();
  const returnTo = safeReturnTo(params.get('returnTo'));
  useDocumentTitle(t('auth.signup.title'));

  if (status === 'signedIn') return <Navigate to={returnTo} replace />;

  return (
    <NarrowPage title={t('auth.signup.title')} lead={t('auth.signup.lead')}>
      <SignupForm
        onSignedUp={() => {
          notifications.show({ color: 'teal', message: t('auth.signup.welcome') });
          void navigate(returnTo, { replace: true });
        }}
      />
      <SocialLoginButtons returnTo={returnTo} />
      <Text size="sm" c="dimmed" ta="center">
        {t('auth.signup.haveAccount')}{' '}
        <Anchor component={Link} to={params.get('returnTo') ? `/login?${params.toString()}` : '/login'} fw={600}>
          {t('auth.signup.toLogin')}
        </Anchor>
      </Text>
    </NarrowPage>
  );
}
