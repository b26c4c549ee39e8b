import { ActionIcon, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { api, describeError } from '../../../lib/api';
import { formatRelative, type DisplayLanguage } from '../../../lib/format';
import { queryKeys } from '../../../lib/query-keys';
import { accountsApi } from '../api/accounts-api';
import { describeUserAgent, isMobileUserAgent } from '../user-agent';
import { SectionCard } from './SectionCard';

/** Where this account is signed in, with a way to end any other session or all of them. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const language: DisplayLanguage = i18n.language === 'en' ? 'en' : 'ko';
  const sessions = useQuery({ queryKey: queryKeys.mySessions, queryFn: ({ signal }) => accountsApi.sessions(signal) });

  const revoke = useMutation({
    mutationFn: accountsApi.revokeSession,
    onSuccess: () => {
      notifications.show({ message: t('account.sessions.revoked') });
      void queryClient.invalidateQueries({ queryKey: queryKeys.mySessions });
    },
  });
  const everywhere = useMutation({
    mutationFn: accountsApi.logoutEverywhere,
    onSuccess: () => {
      // The server ended this session too: forget it here and go home.
      api.endSession();
      notifications.show({ message: t('account.sessions.everywhereDone') });
      void navigate('/');
    },
  });

  const error = sessions.error ?? revoke.error ?? everywhere.error;

  return (
    <SectionCard id="account-sessions" title={t('account.sessions.title')} lead={t('account.sessions.lead')}>
      <ErrorAlert message={error ? describeError(error, i18n) : undefined} />
      {sessions.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {sessions.data?.items.map((session) => {
          const device = describeUserAgent(session.userAgent) ?? t('account.sessions.unknownDevice');
          const DeviceIcon = isMobileUserAgent(session.userAgent) ? IconDeviceMobile : IconDeviceDesktop;
          return (
            <Group
              component="li"
              key={session.id}
              justify="space-between"
              wrap="nowrap"
              py="sm"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <ActionIcon component="span" variant="light" color="gray" size="lg" aria-hidden>
                  <DeviceIcon size={20} />
                </ActionIcon>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} size="sm">
                      {device}
                    </Text>
                    {session.current && (
                      <Badge size="sm" variant="light" color="teal">
                        {t('account.sessions.current')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('account.sessions.lastUsed', { time: formatRelative(session.lastUsedAt, Date.now(), language) })}
                    {session.ip ? ` · ${session.ip}` : ''}
                  </Text>
                </Stack>
              </Group>
              {!session.current && (
                <Button
                  variant="default"
                  size="xs"
                  loading={revoke.isPending && revoke.variables === session.id}
                  aria-label={t('account.sessions.revokeLabel', { device })}
                  onClick={() => revoke.mutate(session.id)}
                >
                  {t('account.sessions.revoke')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      <Group justify="flex-end">
        <Button variant="light" color="red" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
          {t('account.sessions.everywhere')}
        </Button>
      </Group>
    </SectionCard>
  );
}
