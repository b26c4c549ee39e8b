import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { NarrowPage } from '../../components/ui/NarrowPage';
import { OAuthLinkForm } from '../../features/accounts';
import { useDocumentTitle } from '../../lib/use-document-title';

const PROVIDERS = ['kakao', 'naver', 'google'];

/** Where the OAuth callback sends a verified e-mail that already has an account: /login/link?ticket=…&provider=… */
export function OAuthLinkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ticket = params.get('ticket');
  const provider = params.get('provider') ?? '';
  const providerName = PROVIDERS.includes(provider) ? t(`auth.providers.${provider}`) : provider;
  useDocumentTitle(t('auth.link.title'));
  return (
    <NarrowPage
      title={t('auth.link.title')}
      lead={ticket ? t('auth.link.lead', { provider: providerName }) : undefined}
    >
      {ticket ? (
        <OAuthLinkForm ticket={ticket} onSignedIn={() => void navigate('/#oauth=linked', { replace: true })} />
      ) : (
        <ErrorAlert message={t('auth.link.missingTicket')} />
      )}
    </NarrowPage>
  );
}
