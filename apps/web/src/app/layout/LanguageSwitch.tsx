import { Button, type BoxProps } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n';

/** Toggles between Korean and English; the label is written in the language it switches to. */
export function LanguageSwitch(props: BoxProps) {
  const { t, i18n } = useTranslation();
  const target = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <Button
      {...props}
      variant="subtle"
      color="gray"
      size="compact-sm"
      leftSection={<IconLanguage size={16} aria-hidden />}
      aria-label={t('nav.switchLanguageLabel')}
      lang={target}
      onClick={() => void changeLanguage(target)}
    >
      {t('nav.switchLanguage')}
    </Button>
  );
}
