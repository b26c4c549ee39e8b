import { Button, Divider, Stack } from '@mantine/core';
import type { OAuthProviderName } from '@dongne/contracts';
import { IconBrandGoogle, IconMessageCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthProviders } from '../api/use-auth-providers';

/** Brand colours (Kakao's mark is a speech bubble); Naver's white-on-green fails contrast, so its label is near-black. */
const looks: Record<OAuthProviderName, { background: string; color: string; border?: string; icon: ReactNode }> = {
  kakao: { background: '#FEE500', color: 'rgba(0, 0, 0, 0.85)', icon: <IconMessageCircle size={18} aria-hidden /> },
  naver: { background: '#03C75A', color: '#0b0b0b', icon: <strong aria-hidden>N</strong> },
  google: {
    background: '#ffffff',
    color: '#1f1f1f',
    border: '#747775',
    icon: <IconBrandGoogle size={18} aria-hidden />,
  },
};

/**
 * One button per provider the server has enabled. They are links: the browser itself goes to the
 * provider (GET /api/auth/oauth/:provider/start) and comes back to `returnTo#oauth=success`.
 */
export function SocialLoginButtons({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const { data } = useAuthProviders();
  const providers = data?.providers ?? [];
  if (providers.length === 0) return null;
  return (
    <Stack gap="sm">
      <Divider label={t('auth.orDivider')} labelPosition="center" />
      {providers.map((provider) => {
        const look = looks[provider.name];
        return (
          <Button
            key={provider.name}
            component="a"
            href={`${provider.startUrl}?${new URLSearchParams({ returnTo }).toString()}`}
            size="md"
            fullWidth
            leftSection={look.icon}
            styles={{
              root: {
                background: look.background,
                color: look.color,
                border: look.border ? `1px solid ${look.border}` : undefined,
              },
            }}
          >
            {t(`auth.social.${provider.name}`)}
          </Button>
        );
      })}
    </Stack>
  );
}
