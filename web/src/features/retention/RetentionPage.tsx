// The retention area: loyalty penalty, lost customers and win-back, positive surprises, queue
// fairness, economics and the Monday digest preview, one tab each (agents see the surprises only,
// as the API allows them nothing else here).
import { Group, NativeSelect, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../lib/router';
import { isManager, useSession } from '../../lib/session';
import DigestSection from './DigestSection';
import EconomicsSection from './EconomicsSection';
import LostSection from './LostSection';
import LoyaltySection from './LoyaltySection';
import { PERIOD_DAYS, usePeriod } from './period';
import QueueFairnessSection from './QueueFairnessSection';
import SurprisesSection from './SurprisesSection';

export const RETENTION_SECTIONS = [
  'loyalty',
  'lost',
  'surprises',
  'fairness',
  'economics',
  'digest',
] as const;
export type RetentionSection = (typeof RETENTION_SECTIONS)[number];
const MANAGER_ONLY: RetentionSection[] = ['loyalty', 'lost', 'fairness', 'economics', 'digest'];
const WITH_PERIOD: RetentionSection[] = ['lost', 'surprises', 'fairness', 'economics'];

export default function RetentionPage({ section }: { section?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = isManager(user?.role);
  const allowed = RETENTION_SECTIONS.filter((s) => manager || !MANAGER_ONLY.includes(s));
  const current: RetentionSection =
    section && (allowed as readonly string[]).includes(section)
      ? (section as RetentionSection)
      : manager
        ? 'loyalty'
        : 'surprises';
  const unknown = section !== undefined && section !== current;
  const [days, setDays] = useState<number>(90);
  const period = usePeriod(days);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('retention.title')}</Title>
        {WITH_PERIOD.includes(current) && (
          <NativeSelect
            label={t('retention.period.label')}
            value={String(days)}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
            data={PERIOD_DAYS.map((d) => ({
              value: String(d),
              label: t('retention.period.lastDays', { count: d }),
            }))}
          />
        )}
      </Group>
      {unknown && (
        <Text size="sm" c="dimmed" role="status">
          {t(
            (RETENTION_SECTIONS as readonly string[]).includes(section)
              ? 'retention.notAllowed'
              : 'retention.unknownSection',
          )}
        </Text>
      )}
      <Tabs value={current} onChange={(v) => v && navigate(`/retention/${v}`)} keepMounted={false}>
        <Tabs.List aria-label={t('retention.sections')}>
          {allowed.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`retention.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="loyalty" pt="md">
          <LoyaltySection />
        </Tabs.Panel>
        <Tabs.Panel value="lost" pt="md">
          <LostSection period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="surprises" pt="md">
          <SurprisesSection period={period} manager={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="fairness" pt="md">
          <QueueFairnessSection period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="economics" pt="md">
          <EconomicsSection period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="digest" pt="md">
          <DigestSection canSend={user?.role === 'admin'} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
