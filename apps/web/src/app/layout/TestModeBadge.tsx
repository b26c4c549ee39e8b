import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../lib/app-info';

/** Payments go to gateway sandboxes on this server: say so on every page. */
export function TestModeBadge() {
  const { t } = useTranslation();
  const { data } = useAppInfo();
  if (!data?.testPayments) return null;
  return (
    <Badge color="yellow" variant="filled" autoContrast title={t('nav.testModeHint')} style={{ flexShrink: 0 }}>
      {t('nav.testMode')}
    </Badge>
  );
}
