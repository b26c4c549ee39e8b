import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { PasswordResetRequestForm } from '../../features/accounts';
import { useDocumentTitle } from '../../lib/use-document-title';

export function PasswordResetRequestPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.passwordReset.title'));
  return (
    <NarrowPage title={t('auth.passwordReset.title')} lead={t('auth.passwordReset.lead')}>
      <PasswordResetRequestForm />
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/login">
          {t('auth.passwordReset.backToLogin')}
        </Anchor>
      </Text>
    </NarrowPage>
  );
}
