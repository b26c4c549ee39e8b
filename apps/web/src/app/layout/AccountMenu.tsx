import type { User } from '@dongne/contracts';
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout } from '../../lib/session/use-logout';

/**
 * The signed-in user's menu. Loaded lazily (see AccountArea): its popover brings floating-ui,
 * which visitors who never log in should not download.
 */
export default function AccountMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.accountMenu', { nickname: user.nickname })}>
          <Group gap={8} wrap="nowrap">
            {/* No initial letter inside: the button's visible text must stay its label (WCAG 2.5.3). */}
            <Avatar color="dongne" radius="xl" size={34} alt="" />
            <Text fw={600} size="sm" visibleFrom="sm" maw={120} truncate>
              {user.nickname}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label style={{ overflowWrap: 'anywhere' }}>{user.email ?? user.nickname}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void logout()}>
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
