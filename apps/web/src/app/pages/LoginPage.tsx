import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { LoginForm, SocialLoginButtons } from '../../features/accounts';
import { ApiError, describeError } from '../../lib/api';
import { safeReturnTo } from '../../lib/return-to';
import { useSessionStatus } from '../../lib/session/use-session';
import { useDocumentTitle } from '../../lib/use-document-title';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useSessionStatus();
  const returnTo = safeReturnTo(params.get('returnTo'));
  // The OAuth callback sends failures back here as ?oauthError=<code>.
  const oauthError = params.get('oauthError');
  useDocumentTitle(t('auth.login.title'));

  if (status === 'signedIn') return <Navigate to={returnTo} replace />;

  return (
    <NarrowPage title={t('auth.login.title')} lead={t('auth.login.lead')}>
      {oauthError && (
        <ErrorAlert title={t('auth.login.oauthFailed')} message={describeError(new ApiError(400, oauthError), i18n)} />
      )}
      <LoginForm
        onSignedIn={() => void navigate(returnTo, { replace: true })}
        alternatives={<SocialLoginButtons returnTo={returnTo} />}
      />
      <Stack gap={4} align="center">
        <Text size="sm" c="dimmed">
          {t('auth.login.noAccount')}{' '}
          <Anchor component={Link} to={params.get('returnTo') ? `/signup?${params.toString()}` : '/signup'} fw={600}>
            {t('auth.login.toSignup')}
          </Anchor>
        </Text>
      </Stack>
    </NarrowPage>
  );
}
