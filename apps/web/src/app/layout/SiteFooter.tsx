import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <Box component="footer" className={classes.footer}>
      <Container size="lg">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('footer.about')}
          </Text>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              {t('footer.copyright', { year: new Date().getFullYear() })}
            </Text>
            <Group gap="md">
              <Anchor href="/api/docs" size="sm">
                {t('footer.apiDocs')}
              </Anchor>
              <LanguageSwitch />
            </Group>
          </Group>
        </Stack>
      </Container>
    </Box>
  );
}
