import { Box, Container, Progress } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useNavigation } from 'react-router';
import { BottomTabBar } from './BottomTabBar';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { SessionEvents } from './SessionEvents';
import classes from './layout.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/** Every page: header with the services, the page, the footer, and the tab bar on phones. */
export function AppLayout() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <>
      <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      {navigation.state === 'loading' && (
        <Progress className={classes.progress} value={100} animated size="xs" aria-label={t('app.loading')} />
      )}
      <SessionEvents />
      <SiteHeader />
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
        <Container size="lg">
          <Outlet />
        </Container>
      </Box>
      <SiteFooter />
      <BottomTabBar />
      <ScrollRestoration />
    </>
  );
}
