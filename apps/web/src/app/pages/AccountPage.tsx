import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  DeleteAccountSection,
  EmailVerificationSection,
  PasswordChangeSection,
  ProfileSection,
  SessionsSection,
} from '../../features/accounts';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session/use-session';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PageLoader } from '../layout/PageLoader';

/** /account (behind RequireSession): profile, e-mail, password, devices, deletion. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(t('account.title'));
  if (!user) return <PageLoader />;
  return (
    <Stack gap="lg" maw={720} mx="auto">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('account.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('account.memberSince', { date: formatDate(user.createdAt, i18n.language === 'en' ? 'en' : 'ko') })}
        </Text>
      </Stack>
      {/* Keyed by user so a different account never sees the previous one's half-typed form. */}
      <ProfileSection key={user.id} user={user} />
      <EmailVerificationSection user={user} />
      <PasswordChangeSection user={user} />
      <SessionsSection />
      <DeleteAccountSection user={user} />
    </Stack>
  );
}
