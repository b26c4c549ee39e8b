import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';

export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  useDocumentTitle(t('search.title'));
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1} size="h2">
        {t('search.title')}
      </Title>
      {query && <Text size="lg">{t('search.query', { query })}</Text>}
      <Text c="dimmed">{t('search.text')}</Text>
    </Stack>
  );
}
