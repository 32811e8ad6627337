// Routes: the login screen for anonymous users, else the shell with the page for the current path.
import { Center, Loader } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Shell } from './components/Shell';
import { LoginPage } from './features/login/LoginPage';
import { matchRoute, navigate, useLocation } from './lib/router';
import { isAdmin, isManager, useSession } from './lib/session';

const loadInbox = () => import('./features/inbox/InboxPage');
const loadCase = () => import('./features/cases/CasePage');
const InboxPage = lazy(loadInbox);
const CasePage = lazy(loadCase);
const NewCasePage = lazy(() => import('./features/cases/NewCasePage'));
const CustomersPage = lazy(() => import('./features/customers/CustomersPage'));
const CustomerPage = lazy(() => import('./features/customers/CustomerPage'));
const AtRiskPage = lazy(() => import('./features/churn/AtRiskPage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const ApprovalsPage = lazy(() => import('./features/approvals/ApprovalsPage'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const NotFoundPage = lazy(() => import('./features/NotFoundPage'));
const RetentionPage = lazy(() => import('./features/retention/RetentionPage'));
const AccountPage = lazy(() => import('./features/account/AccountPage'));

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
  retention: '/retention',
  retentionSection: '/retention/:section',
  account: '/account',
} as const;

// A deep link's page starts loading together with the session check instead of after it.
if (window.location.pathname === '/inbox') void loadInbox();
else if (/^\/cases\/case_/.test(window.location.pathname)) void loadCase();

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

  useEffect(() => {
    // On the login page, fetch the inbox (the screen after it) once someone starts typing, so the
    // login page itself stays small and the inbox is there by the time the password is in.
    if (loading || user) return;
    const prefetch = () => void loadInbox();
    document.addEventListener('input', prefetch, { once: true });
    return () => document.removeEventListener('input', prefetch);
  }, [loading, user]);

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
    case 'retention':
    case 'retentionSection':
      page = <RetentionPage section={route.params.section} />;
      break;
    case 'account':
      page = <AccountPage />;
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
