// Queries and mutations of tasks (the to-do list every domain writes into).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, type Page, type Query } from '../../lib/api';
import type { Task } from '../../lib/types';
import { taskKeys } from './tasks.keys';

export type TaskFilters = {
  mine?: boolean;
  customerId?: string;
  caseId?: string;
  status?: string;
  source?: string;
};

export function useTasks(filters: TaskFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: taskKeys.list(filters, limit),
    queryFn: ({ pageParam }) =>
      apiGet<Page<Task>>('/tasks', {
        ...filters,
        mine: filters.mine ? 'true' : undefined,
        limit,
        cursor: pageParam,
      } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCompleteTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome }: { id: string; outcome?: string }) =>
      apiPost<Task>(`/tasks/${id}/complete`, { outcome: outcome ?? null }),
    onSuccess: () => qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
