// Routes: the login screen for anonymous users, else the shell with the page for the current path.
import { Center, Loader } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Shell } from './components/Shell';
import { LoginPage } from './features/login/LoginPage';
import { matchRoute, navigate, useLocation } from './lib/router';
import { isAdmin, isManager, useSession } from './lib/session';

const InboxPage = lazy(() => import('./features/inbox/InboxPage'));
const CasePage = lazy(() => import('./features/cases/CasePage'));
const NewCasePage = lazy(() => import('./features/cases/NewCasePage'));
const CustomersPage = lazy(() => import('./features/customers/CustomersPage'));
const CustomerPage = lazy(() => import('./features/customers/CustomerPage'));
const AtRiskPage = lazy(() => import('./features/churn/AtRiskPage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const ApprovalsPage = lazy(() => import('./features/approvals/ApprovalsPage'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const NotFoundPage = lazy(() => import('./features/NotFoundPage'));

export const ROUTES = {
  inbox: '/inbox',
  newCase: '/cases/new',
  case: '/cases/:id',
  customers: '/customers',
  customer: '/customers/:id',
  atRisk: '/at-risk',
  dashboard: '/dashboard',
  approvals: '/approvals',
  settings: '/settings',
} as const;

function Loading() {
  const { t } = useTranslation();
  return (
    <Center h={200}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function App() {
  const { user, loading } = useSession();
  const { pathname } = useLocation();

  useEffect(() => {
    if (user && (pathname === '/' || pathname === '/login')) navigate(ROUTES.inbox, { replace: true });
  }, [user, pathname]);

  if (loading) return <Loading />;
  if (!user) return <LoginPage />;

  const route = matchRoute(pathname, ROUTES);
  let page: ReactNode;
  switch (route?.name) {
    case 'inbox':
      page = <InboxPage />;
      break;
    case 'newCase':
      page = <NewCasePage />;
      break;
    case 'case':
      page = <CasePage id={route.params.id} />;
      break;
    case 'customers':
      page = <CustomersPage />;
      break;
    case 'customer':
      page = <CustomerPage id={route.params.id} />;
      break;
    case 'atRisk':
      page = <AtRiskPage />;
      break;
    case 'dashboard':
      page = <DashboardPage />;
      break;
    case 'approvals':
      page = isManager(user.role) ? <ApprovalsPage /> : <NotFoundPage />;
      break;
    case 'settings':
      page = isAdmin(user.role) ? <SettingsPage /> : <NotFoundPage />;
      break;
    default:
      page = pathname === '/' || pathname === '/login' ? <Loading /> : <NotFoundPage />;
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Shell>
  );
}
