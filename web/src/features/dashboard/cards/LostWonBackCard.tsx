// Retention on the dashboard: customers lost vs won back per month of the period (GET
// /retention/lost-customers and /retention/win-back; managers only, so agents never see the card).
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/bits';
import { apiGet } from '../../../lib/api';
import { formatPercent } from '../../../lib/format';
import { isManager, useSession } from '../../../lib/session';
import type { LostCustomer, WinBack } from '../../../../../src/retention/retention.schema.js';
import { ChartCard } from '../../charts/ChartCard';
import { retentionKeys } from '../../retention/retention.keys';
import { forbidden } from '../dashboard.api';
import type { DashboardView } from '../view';

export function LostWonBackCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const { period, grouped } = view;
  const { user } = useSession();
  const manager = isManager(user?.role);
  const retry = (n: number, e: unknown) => !forbidden(e) && n < 2;
  const lost = useQuery({
    queryKey: retentionKeys.lost(period),
    queryFn: () => apiGet<{ items: LostCustomer[] }>('/retention/lost-customers', period),
    enabled: manager,
    retry,
  });
  const winBack = useQuery({
    queryKey: retentionKeys.winBack(period),
    queryFn: () => apiGet<WinBack>('/retention/win-back', period),
    enabled: manager,
    retry,
  });
  if (!manager || forbidden(lost.error) || forbidden(winBack.error)) return null;
  const byMonth = new Map<string, { month: string; lost: number; wonBack: number }>();
  for (const l of lost.data?.items ?? []) {
    const month = l.confirmedAt.slice(0, 7);
    const row = byMonth.get(month) ?? { month, lost: 0, wonBack: 0 };
    row.lost++;
    if (l.status === 'won_back') row.wonBack++;
    byMonth.set(month, row);
  }
  const rows = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  const w = winBack.data;
  return (
    <QueryState query={lost.error ? lost : winBack}>
      {() => (
        <ChartCard
          title={t('dashboard.lostWonBack')}
          csvName="lost-won-back-by-month"
          rows={rows}
          note={[
            w &&
              t('dashboard.lostWonBackNote', {
                count: w.lost,
                wonBack: w.wonBack,
                rate: formatPercent(w.winBackRate),
              }),
            grouped ? t('dashboard.group.notSplit') : '',
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <BarChart
            h={220}
            data={rows}
            dataKey="month"
            withLegend
            series={[
              { name: 'lost', color: 'red.8', label: t('dashboard.lost') },
              { name: 'wonBack', color: 'teal.8', label: t('dashboard.wonBack') },
            ]}
          />
        </ChartCard>
      )}
    </QueryState>
  );
}
