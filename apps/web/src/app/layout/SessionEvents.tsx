import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { onSessionExpired, sessionStore } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/** Keeps the query cache and the user informed as the session comes and goes. Renders nothing. */
export function SessionEvents() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigate = useNavigate();

  // Signed out (by choice or not): drop everything cached for the old user, keep server facts.
  useEffect(
    () =>
      sessionStore.subscribe(() => {
        if (sessionStore.get().status !== 'signedOut') return;
        queryClient.removeQueries({
          predicate: (query) =>
            query.queryKey[0] !== queryKeys.appInfo[0] && query.queryKey[0] !== queryKeys.authProviders[0],
        });
      }),
    [queryClient],
  );

  useEffect(
    () => onSessionExpired(() => notifications.show({ color: 'yellow', message: t('auth.sessionExpired') })),
    [t],
  );

  // The OAuth callback comes back with #oauth=success (cookie set; the restore picks it up) or #oauth=linked.
  useEffect(() => {
    const outcome = new URLSearchParams(location.hash.slice(1)).get('oauth');
    if (!outcome) return;
    if (outcome === 'success') notifications.show({ color: 'teal', message: t('auth.signedIn') });
    if (outcome === 'linked') {
      notifications.show({ color: 'teal', message: t('auth.oauthLinked') });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    }
    void navigate({ pathname: location.pathname, search: location.search, hash: '' }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate, queryClient, t]);

  return null;
}
