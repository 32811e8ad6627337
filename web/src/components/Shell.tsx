// The app frame: header with burger (phones), role-aware navigation, language switch and logout.
import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../lib/router';
import { isAdmin, isManager, useSession } from '../lib/session';
import { LanguageSwitch } from './LanguageSwitch';

type NavItem = { href: string; key: string; visible: boolean };

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the `sm` breakpoint the folded navbar is only moved off screen: hide it from keyboard and
  // screen readers too until the burger opens it.
  const phone = useMediaQuery('(max-width: 47.99em)');
  const folded = !!phone && !opened;
  const items: NavItem[] = [
    { href: '/inbox', key: 'nav.inbox', visible: true },
    { href: '/customers', key: 'nav.customers', visible: true },
    { href: '/at-risk', key: 'nav.atRisk', visible: true },
    { href: '/dashboard', key: 'nav.dashboard', visible: true },
    { href: '/retention', key: 'retention.nav', visible: true },
    { href: '/approvals', key: 'nav.approvals', visible: isManager(user?.role) },
    { href: '/settings', key: 'nav.settings', visible: isAdmin(user?.role) },
    // On a phone the header has no room for the name that links to the account page.
    { href: '/account', key: 'nav.account', visible: !!phone },
  ];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="sk-skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'nav.closeMenu' : 'nav.openMenu')}
            />
            <Text fw={700} size="lg">
              Stammkunde
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Anchor
              component={Link}
              href="/account"
              size="sm"
              visibleFrom="sm"
              data-testid="current-user"
              title={t('nav.account')}
            >
              {user?.name} · {t(`roles.${user?.role}`)}
            </Anchor>
            <Button variant="subtle" size="xs" onClick={logout}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        aria-label={t('nav.label')}
        inert={folded}
        style={folded ? { visibility: 'hidden' } : undefined}
      >
        {items
          .filter((i) => i.visible)
          .map((i) => (
            <NavLink
              key={i.href}
              component={Link}
              href={i.href}
              label={t(i.key)}
              active={pathname === i.href || pathname.startsWith(i.href + '/')}
              aria-current={pathname === i.href ? 'page' : undefined}
              onClick={close}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}
