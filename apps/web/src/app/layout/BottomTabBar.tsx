import { Box } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { SERVICES } from '../../config/services';
import classes from './layout.module.css';

/** Phones only: home and the four services within thumb reach. */
export function BottomTabBar() {
  const { t } = useTranslation();
  const tabs = [
    { key: 'home', path: '/', label: t('nav.home'), icon: IconHome },
    ...SERVICES.map((service) => ({
      key: service.key,
      path: service.path,
      label: t(`services.${service.key}.name`),
      icon: service.icon,
    })),
  ];
  return (
    <Box component="nav" aria-label={t('nav.tabBar')} hiddenFrom="sm" className={classes.tabBar}>
      {tabs.map(({ key, path, label, icon: Icon }) => (
        <NavLink key={key} to={path} end={path === '/'} className={classes.tab}>
          <Icon size={22} stroke={1.8} aria-hidden />
          <span>{label}</span>
        </NavLink>
      ))}
    </Box>
  );
}
