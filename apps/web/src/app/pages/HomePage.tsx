import { Box, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ServiceIcon } from '../../components/ui/ServiceIcon';
import { SERVICES } from '../../config/services';
import { useSession } from '../../lib/session/use-session';
import { useDocumentTitle } from '../../lib/use-document-title';
import classes from './home.module.css';

export function HomePage() {
  const { t } = useTranslation();
  const { user, status } = useSession();
  useDocumentTitle(undefined);

  return (
    <Stack gap={40}>
      <Box className={classes.hero}>
        <Stack gap="md" maw={640}>
          {user && (
            <Text fw={600} c="dongne">
              {t('home.welcomeBack', { nickname: user.nickname })}
            </Text>
          )}
          <Title order={1} fz={{ base: 28, sm: 38 }} lh={1.25}>
            {t('home.title')}
          </Title>
          <Text size="lg">{t('home.lead')}</Text>
          {status === 'signedOut' && (
            <Group>
              <Button component={Link} to="/signup" size="md">
                {t('home.startCta')}
              </Button>
              <Button component={Link} to="/login" size="md" variant="default">
                {t('nav.login')}
              </Button>
            </Group>
          )}
        </Stack>
      </Box>

      <Stack gap="md" component="section" aria-labelledby="home-services">
        <Title order={2} size="h3" id="home-services">
          {t('home.servicesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          {SERVICES.map((service) => {
            const name = t(`services.${service.key}.name`);
            return (
              <Card key={service.key} withBorder radius="lg" padding="lg" className={classes.card}>
                <ServiceIcon service={service} />
                <Title order={3} size="h4">
                  {t(`services.${service.key}.title`)}
                </Title>
                <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                  {t(`services.${service.key}.description`)}
                </Text>
                <Button
                  component={Link}
                  to={service.path}
                  variant="light"
                  color={service.color}
                  rightSection={<IconArrowRight size={16} aria-hidden />}
                  justify="space-between"
                  fullWidth
                >
                  {t('home.explore', { service: name })}
                </Button>
              </Card>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
