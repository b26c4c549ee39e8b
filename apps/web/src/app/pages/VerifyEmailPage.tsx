import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { EmailVerification } from '../../features/accounts';
import { useSessionStatus } from '../../lib/session/use-session';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The page the verification e-mail links to: /verify-email?token=… */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const status = useSessionStatus();
  useDocumentTitle(t('auth.verifyEmail.title'));
  return (
    <NarrowPage title={t('auth.verifyEmail.title')}>
      {token ? <EmailVerification token={token} /> : <ErrorAlert message={t('auth.verifyEmail.missingToken')} />}
      <Group grow>
        {status === 'signedIn' && (
          <Button component={Link} to="/account">
            {t('auth.verifyEmail.toAccount')}
          </Button>
        )}
        <Button component={Link} to="/" variant="default">
          {t('auth.verifyEmail.home')}
        </Button>
      </Group>
    </NarrowPage>
  );
}
