import { Badge, Button, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../../lib/app-info';

/** Development only (the server lists none elsewhere): one click fills a seeded account in. */
export function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const { data } = useAppInfo();
  const password = data?.demoPassword;
  if (!data || data.environment !== 'development' || !password || data.demoAccounts.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
      <Stack gap="xs">
        <Text fw={700} size="sm">
          {t('auth.demo.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('auth.demo.hint')}
        </Text>
        {data.demoAccounts.map((account) => (
          <Button
            key={account.email}
            variant="default"
            size="sm"
            justify="space-between"
            fullWidth
            onClick={() => onPick(account.email, password)}
            rightSection={account.roles
              .filter((role) => role !== 'user')
              .map((role) => (
                <Badge key={role} size="xs" variant="light">
                  {role}
                </Badge>
              ))}
          >
            <Text span size="sm" truncate>
              {account.nickname} · {account.email}
            </Text>
          </Button>
        ))}
      </Stack>
    </Paper>
  );
}
