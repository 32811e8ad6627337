// The dashboard's "group by" choice: month (the trend), team, touchpoint, or agent when the company
// shows per-person figures (setting metrics.perPersonVisible). Group keys of the metrics APIs are
// team ids, touchpoint codes and user ids; their names come from the teams, touchpoints and users APIs.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../lib/api';
import type { MetricsSettings, Touchpoint } from '../../lib/types';
import { useTeams, useUsers } from '../cases/cases.api';
import { settingsKeys } from '../settings/settings.keys';

export type GroupBy = 'month' | 'team' | 'touchpoint' | 'agent';

/** True when the admin setting allows per-agent figures (the case and survey metrics APIs respect it too). */
export function usePerPersonVisible(): boolean {
  const q = useQuery({
    queryKey: settingsKeys.metrics(),
    queryFn: () => apiGet<MetricsSettings>('/settings/metrics'),
    staleTime: 60_000,
  });
  return q.data?.perPersonVisible === true;
}

/** key → display name for the chosen grouping; `null` (none assigned) gets its own label. */
export function useGroupNames(groupBy: GroupBy): (key: string | null) => string {
  const { t, i18n } = useTranslation();
  const teams = useTeams(groupBy === 'team');
  const touchpoints = useQuery({
    queryKey: settingsKeys.touchpoints(),
    queryFn: () => apiGet<{ items: Touchpoint[] }>('/touchpoints'),
    staleTime: 300_000,
    enabled: groupBy === 'touchpoint',
  });
  const users = useUsers(groupBy === 'agent');
  const en = i18n.language === 'en';
  return (key) => {
    if (key === null) return t('dashboard.group.none');
    if (groupBy === 'team') return teams.data?.items.find((x) => x.id === key)?.name ?? key;
    if (groupBy === 'touchpoint') {
      const tp = touchpoints.data?.items.find((x) => x.code === key);
      return tp ? (en ? tp.name.en : tp.name.de) : key;
    }
    if (groupBy === 'agent') return users.data?.items.find((x) => x.id === key)?.name ?? key;
    return key;
  };
}
