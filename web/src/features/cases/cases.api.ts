// Queries and mutations of complaint cases: inbox, search, the case, its conversation, budget, letter.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, apiPost, type Page, type Query } from '../../lib/api';
import type {
  Case,
  CaseAuditEntry,
  CaseMessage,
  GoodwillBudget,
  InboxItem,
  Letter,
  RootCauseCategory,
  SearchResult,
  Team,
  User,
} from '../../lib/types';
import { settingsKeys } from '../settings/settings.keys';
import { taskKeys } from '../tasks/tasks.keys';
import { caseKeys } from './cases.keys';

export type InboxFilters = {
  team?: string;
  owner?: string;
  state?: string;
  touchpoint?: string;
  customerId?: string;
};

export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: caseKeys.inbox(filters),
    queryFn: ({ pageParam }) =>
      apiGet<Page<InboxItem>>('/cases/inbox', { ...filters, limit: 50, cursor: pageParam } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
}

export const useCaseSearch = (q: string) =>
  useQuery({
    queryKey: caseKeys.search(q),
    queryFn: () => apiGet<SearchResult>('/cases/search', { q, limit: 50 }),
    enabled: q.length >= 2,
  });

export const useCase = (id: string) =>
  useQuery({ queryKey: caseKeys.detail(id), queryFn: () => apiGet<Case>(`/cases/${id}`) });

export const useCaseMessages = (id: string) =>
  useQuery({
    queryKey: caseKeys.messages(id),
    queryFn: () => apiGet<Page<CaseMessage>>(`/cases/${id}/messages`, { limit: 500 }),
  });

export const useCaseAudit = (id: string) =>
  useQuery({
    queryKey: caseKeys.audit(id),
    queryFn: () => apiGet<{ items: CaseAuditEntry[] }>(`/cases/${id}/audit`),
  });

export const useGoodwillBudget = () =>
  useQuery({
    queryKey: caseKeys.goodwillBudget(),
    queryFn: () => apiGet<GoodwillBudget>('/cases/goodwill-budget'),
  });

export const useRootCauses = () =>
  useQuery({
    queryKey: settingsKeys.rootCauses(),
    queryFn: () => apiGet<{ items: RootCauseCategory[] }>('/root-causes'),
    staleTime: 300_000,
  });

export const useUsers = (enabled = true) =>
  useQuery({
    queryKey: settingsKeys.users(),
    queryFn: () => apiGet<{ items: User[] }>('/users'),
    staleTime: 300_000,
    enabled,
  });
export const useTeams = (enabled = true) =>
  useQuery({
    queryKey: settingsKeys.teams(),
    queryFn: () => apiGet<{ items: Team[] }>('/teams'),
    staleTime: 300_000,
    enabled,
  });

export const useLetter = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: caseKeys.letter(id),
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
      void qc.invalidateQueries({ queryKey: caseKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: caseKeys.goodwillBudget() });
      void qc.invalidateQueries({ queryKey: caseKeys.lists() });
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => apiPost<Case>('/cases', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.lists() }),
  });
}
