import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionStatus } from '../../lib/session/use-session';
import { loginPathFor } from '../../lib/return-to';
import { PageLoader } from '../layout/PageLoader';

/** Pages below need a session: wait for the silent restore, then send visitors to log in and back. */
export function RequireSession() {
  const status = useSessionStatus();
  const location = useLocation();
  if (status === 'restoring') return <PageLoader />;
  if (status === 'signedOut') {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }
  return <Outlet />;
}
