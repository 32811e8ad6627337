// Dashboards: NPS/CSAT/CES trend, complaint KPIs and SLA compliance, root-cause Pareto, the repurchase
// matrix, goodwill spent, churn and retention; each chart exports exactly the rows it shows as CSV.
// "Group by" month shows trends; team, touchpoint (and agent, when the company shows per-person
// figures) turn the survey, complaint and goodwill charts into bars per group. One component per
// card in cards/; this page holds the reader's choice of period and grouping (see view.ts).
import { Group, NativeSelect, SimpleGrid, Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OverpayFigure } from '../retention/OverpayFigure';
import { PraiseList } from '../surveys/PraiseList';
import { ChurnRunsCard } from './cards/ChurnRunsCard';
import { ComplaintsCard } from './cards/ComplaintsCard';
import { CsatCesCard } from './cards/CsatCesCard';
import { GoodwillCard } from './cards/GoodwillCard';
import { KpiCards } from './cards/KpiCards';
import { LostWonBackCard } from './cards/LostWonBackCard';
import { NpsCard } from './cards/NpsCard';
import { ParetoCard } from './cards/ParetoCard';
import { RepurchaseCard } from './cards/RepurchaseCard';
import { type GroupBy, useGroupNames, usePerPersonVisible } from './grouping';
import { dashboardView } from './view';

function usePeriod(months: number) {
  return useMemo(() => {
    const to = new Date();
    const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - months + 1, 1));
    return { from: from.toISOString(), to: to.toISOString() };
  }, [months]);
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const [months, setMonths] = useState(6);
  const [chosenGroup, setGroupBy] = useState<GroupBy>('month');
  const perPerson = usePerPersonVisible();
  // Per-agent grouping only while the admin setting allows it (the APIs refuse it otherwise).
  const groupBy: GroupBy = chosenGroup === 'agent' && !perPerson ? 'month' : chosenGroup;
  const nameOf = useGroupNames(groupBy);
  const period = usePeriod(months);
  const view = dashboardView(period, groupBy, nameOf, t);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('dashboard.title')}</Title>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('dashboard.period')}
            value={String(months)}
            onChange={(e) => setMonths(Number(e.currentTarget.value))}
            data={[3, 6, 12, 24].map((m) => ({
              value: String(m),
              label: t('dashboard.lastMonths', { count: m }),
            }))}
          />
          <NativeSelect
            label={t('dashboard.groupBy')}
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}
            data={(['month', 'team', 'touchpoint', ...(perPerson ? ['agent'] : [])] as GroupBy[]).map(
              (g) => ({
                value: g,
                label: t(`dashboard.group.${g}`),
              }),
            )}
          />
        </Group>
      </Group>

      <KpiCards view={view} />
      <OverpayFigure />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <NpsCard view={view} />
        <CsatCesCard view={view} />
        <ComplaintsCard view={view} />
        <ParetoCard view={view} />
        <RepurchaseCard view={view} />
        <GoodwillCard view={view} />
        <ChurnRunsCard view={view} />
        <LostWonBackCard view={view} />
      </SimpleGrid>
      <PraiseList from={period.from} to={period.to} />
    </Stack>
  );
}
