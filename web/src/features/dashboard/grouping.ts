// The dashboard's "group by" choice: month (the trend), team, touchpoint, or agent when the company
// shows per-person figures (setting metrics.perPersonVisible). Group keys of the metrics APIs are
// team ids, touchpoint codes and user ids; their names come from the teams, touchpoints and users APIs.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../lib/api';
import type { Team, User } from '../../lib/types';

export type GroupBy = 'month' | 'team' | 'touchpoint' | 'agent';
type TouchpointLite = { code: string; name: { de: string; en: string } };

/** True when the admin setting allows per-agent figures (the case and survey metrics APIs respect it too). */
export function usePerPersonVisible(): boolean {
  const q = useQuery({
    queryKey: ['settings', 'metrics'],
    queryFn: () => apiGet<{ perPersonVisible: boolean }>('/settings/metrics'),
    staleTime: 60_000,
  });
  return q.data?.perPersonVisible === true;
}

/** key → display name for the chosen grouping; `null` (none assigned) gets its own label. */
export function useGroupNames(groupBy: GroupBy): (key: string | null) => string {
  const { t, i18n } = useTranslation();
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: () => apiGet<{ items: Team[] }>('/teams'),
    staleTime: 300_000,
    enabled: groupBy === 'team',
  });
  const touchpoints = useQuery({
    queryKey: ['touchpoints', 'all'],
    queryFn: () => apiGet<{ items: TouchpointLite[] }>('/touchpoints'),
    staleTime: 300_000,
    enabled: groupBy === 'touchpoint',
  });
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => apiGet<{ items: User[] }>('/users'),
    staleTime: 300_000,
    enabled: groupBy === 'agent',
  });
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
