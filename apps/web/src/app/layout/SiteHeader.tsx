import { Box, Container, Group } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { SERVICES } from '../../config/services';
import { AccountArea } from './AccountArea';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { SearchBox } from './SearchBox';
import { TestModeBadge } from './TestModeBadge';
import classes from './layout.module.css';

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <Box component="header" className={classes.header}>
      <Container size="lg" className={classes.headerRow}>
        <Link to="/" className={classes.logo} aria-label={t('app.homeLink')}>
          <span className={classes.logoMark} aria-hidden>
            <IconHome size={20} stroke={2.2} />
          </span>
          <span aria-hidden>{t('app.name')}</span>
        </Link>
        <Box component="nav" aria-label={t('nav.main')} visibleFrom="sm">
          <Group gap={2} wrap="nowrap">
            {SERVICES.map((service) => (
              <NavLink key={service.key} to={service.path} className={classes.serviceLink}>
                {t(`services.${service.key}.name`)}
              </NavLink>
            ))}
          </Group>
        </Box>
        <SearchBox className={classes.search} visibleFrom="md" />
        <Group gap={6} ml="auto" wrap="nowrap">
          <TestModeBadge />
          <NotificationBell />
          <ColorSchemeToggle />
          <LanguageSwitch visibleFrom="sm" />
          <AccountArea />
        </Group>
      </Container>
      <Container size="lg" hiddenFrom="md" className={classes.mobileSearchRow}>
        <SearchBox />
      </Container>
    </Box>
  );
}
