import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<page> · 동네" (screen readers announce it on navigation). */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : `${appName} — ${t('app.tagline')}`;
  }, [title, appName, t]);
}
