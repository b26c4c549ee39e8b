import { Alert, Anchor, Button, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { PasswordResetConfirmForm } from '../../features/accounts';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The page the reset e-mail links to: /password-reset/confirm?token=… */
export function PasswordResetConfirmPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [done, setDone] = useState(false);
  useDocumentTitle(t('auth.passwordResetConfirm.title'));

  return (
    <NarrowPage title={t('auth.passwordResetConfirm.title')}>
      {!token ? (
        <>
          <ErrorAlert message={t('auth.passwordResetConfirm.missingToken')} />
          <Anchor component={Link} to="/password-reset">
            {t('auth.passwordResetConfirm.requestAgain')}
          </Anchor>
        </>
      ) : done ? (
        <>
          <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck size={18} aria-hidden />}>
            <Text size="sm">{t('auth.passwordResetConfirm.done')}</Text>
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            {t('nav.login')}
          </Button>
        </>
      ) : (
        <PasswordResetConfirmForm token={token} onDone={() => setDone(true)} />
      )}
    </NarrowPage>
  );
}
