// Queries and mutations of complaint cases: inbox, search, the case, its conversation, budget, letter.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, apiPost, type Page, type Query } from '../../lib/api';
import type {
  AuditEntry,
  Case,
  CaseMessage,
  InboxItem,
  RootCauseCategory,
  SearchResult,
  Team,
  User,
} from '../../lib/types';

export type InboxFilters = {
  team?: string;
  owner?: string;
  state?: string;
  touchpoint?: string;
  customerId?: string;
};

export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: ['cases', 'inbox', filters],
    queryFn: ({ pageParam }) =>
      apiGet<Page<InboxItem>>('/cases/inbox', { ...filters, limit: 50, cursor: pageParam } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
}

export const useCaseSearch = (q: string) =>
  useQuery({
    queryKey: ['cases', 'search', q],
    queryFn: () => apiGet<SearchResult>('/cases/search', { q, limit: 50 }),
    enabled: q.length >= 2,
  });

export const useCase = (id: string) =>
  useQuery({ queryKey: ['case', id], queryFn: () => apiGet<Case>(`/cases/${id}`) });

export const useCaseMessages = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'messages'],
    queryFn: () => apiGet<Page<CaseMessage>>(`/cases/${id}/messages`, { limit: 500 }),
  });

export const useCaseAudit = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'audit'],
    queryFn: () => apiGet<{ items: AuditEntry[] }>(`/cases/${id}/audit`),
  });

export type GoodwillBudget = {
  userId: string;
  currency: string;
  perCaseMinor: number | null;
  perMonthMinor: number | null;
  usedThisMonthMinor: number;
  remainingMinor: number | null;
};
export const useGoodwillBudget = () =>
  useQuery({
    queryKey: ['case', 'goodwill-budget'],
    queryFn: () => apiGet<GoodwillBudget>('/cases/goodwill-budget'),
  });

export const useRootCauses = () =>
  useQuery({
    queryKey: ['root-causes'],
    queryFn: () => apiGet<{ items: RootCauseCategory[] }>('/root-causes'),
    staleTime: 300_000,
  });

export const useUsers = () =>
  useQuery({ queryKey: ['users'], queryFn: () => apiGet<{ items: User[] }>('/users'), staleTime: 300_000 });
export const useTeams = () =>
  useQuery({ queryKey: ['teams'], queryFn: () => apiGet<{ items: Team[] }>('/teams'), staleTime: 300_000 });

export type Letter = { lang: 'de' | 'en'; to: string | null; subject: string; text: string };
export const useLetter = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['case', id, 'letter'],
    queryFn: () => apiGet<Letter>(`/cases/${id}/letter`),
    enabled,
    staleTime: 0,
  });

/** A write on the case that refreshes the case, its audit trail and the inbox afterwards. */
export function useCaseAction<I>(
  id: string,
  method: string,
  path: (input: I) => string,
  body: (input: I) => unknown = (i) => i,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api<unknown>(method, `/cases/${id}${path(input)}`, body(input)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['case', id] });
      void qc.invalidateQueries({ queryKey: ['case', 'goodwill-budget'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => apiPost<Case>('/cases', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases'] }),
  });
}
