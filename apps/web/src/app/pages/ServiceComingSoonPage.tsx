import { Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ServiceIcon } from '../../components/ui/ServiceIcon';
import { serviceByKey, type ServiceKey } from '../../config/services';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Each service's page until its own issue lands: what it will be, and that it is coming. */
export function ServiceComingSoonPage({ service: key }: { service: ServiceKey }) {
  const { t } = useTranslation();
  const service = serviceByKey(key);
  const title = t(`services.${key}.title`);
  useDocumentTitle(title);
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 48 }} maw={640} mx="auto">
      <Stack align="center" ta="center" gap="md">
        <ServiceIcon service={service} size={72} />
        <Badge color={service.color} variant="light" size="lg">
          {t('comingSoon.badge')}
        </Badge>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text size="lg">{t(`services.${key}.description`)}</Text>
        <Text c="dimmed">{t('comingSoon.text')}</Text>
        <Button component={Link} to="/" variant="default">
          {t('comingSoon.backHome')}
        </Button>
      </Stack>
    </Paper>
  );
}
