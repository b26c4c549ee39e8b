import { createBrowserRouter, type RouteObject } from 'react-router';
import type { ServiceKey } from '../config/services';
import { AppLayout } from './layout/AppLayout';
import { PageLoader } from './layout/PageLoader';
import { RequireSession } from './routing/RequireSession';
import { RouteErrorPage } from './pages/RouteErrorPage';

/** One lazily loaded "coming soon" route per service, until each service's issue lands. */
const serviceRoute = (path: string, service: ServiceKey): RouteObject => ({
  path,
  lazy: async () => {
    const { ServiceComingSoonPage } = await import('./pages/ServiceComingSoonPage');
    return { element: <ServiceComingSoonPage service={service} /> };
  },
});

// Every page is its own chunk: the first visit downloads the layout and the page it asked for.
export const routes: RouteObject[] = [
  {
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: PageLoader,
    children: [
      {
        // Page errors render inside the layout, so the header still offers a way out.
        ErrorBoundary: RouteErrorPage,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./pages/HomePage')).HomePage }) },
          { path: 'login', lazy: async () => ({ Component: (await import('./pages/LoginPage')).LoginPage }) },
          {
            path: 'login/link',
            lazy: async () => ({ Component: (await import('./pages/OAuthLinkPage')).OAuthLinkPage }),
          },
          { path: 'signup', lazy: async () => ({ Component: (await import('./pages/SignupPage')).SignupPage }) },
          {
            path: 'password-reset',
            lazy: async () => ({
              Component: (await import('./pages/PasswordResetRequestPage')).PasswordResetRequestPage,
            }),
          },
          {
            path: 'password-reset/confirm',
            lazy: async () => ({
              Component: (await import('./pages/PasswordResetConfirmPage')).PasswordResetConfirmPage,
            }),
          },
          {
            path: 'verify-email',
            lazy: async () => ({ Component: (await import('./pages/VerifyEmailPage')).VerifyEmailPage }),
          },
          {
            Component: RequireSession,
            children: [
              { path: 'account', lazy: async () => ({ Component: (await import('./pages/AccountPage')).AccountPage }) },
            ],
          },
          serviceRoute('spaces', 'spaces'),
          serviceRoute('rentals', 'rentals'),
          serviceRoute('group-orders', 'groupOrders'),
          serviceRoute('courses', 'courses'),
          { path: 'search', lazy: async () => ({ Component: (await import('./pages/SearchPage')).SearchPage }) },
          { path: '*', lazy: async () => ({ Component: (await import('./pages/NotFoundPage')).NotFoundPage }) },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
