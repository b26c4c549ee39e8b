import type { User } from '@dongne/contracts';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { describeError } from '../../../lib/api';
import { accountsApi } from '../api/accounts-api';
import { SectionCard } from './SectionCard';

export function EmailVerificationSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const resend = useMutation({
    mutationFn: accountsApi.resendVerification,
    onSuccess: () => notifications.show({ color: 'teal', message: t('account.email.resent') }),
  });

  return (
    <SectionCard id="account-email" title={t('account.email.title')}>
      {user.email ? (
        <Stack gap="sm">
          <Group gap="sm">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {user.email}
            </Text>
            <Badge color={user.emailVerified ? 'teal' : 'yellow'} variant="light">
              {t(user.emailVerified ? 'account.email.verified' : 'account.email.unverified')}
            </Badge>
          </Group>
          {!user.emailVerified && (
            <>
              <Text size="sm" c="dimmed">
                {t('account.email.unverifiedText')}
              </Text>
              <ErrorAlert message={resend.error ? describeError(resend.error, i18n) : undefined} />
              <Group>
                <Button
                  variant="light"
                  loading={resend.isPending}
                  disabled={resend.isSuccess}
                  onClick={() => resend.mutate()}
                >
                  {t('account.email.resend')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      ) : (
        <Text c="dimmed">{t('account.email.none')}</Text>
      )}
    </SectionCard>
  );
}
