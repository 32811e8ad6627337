// The query keys of tasks, from one factory.
import type { TaskFilters } from './tasks.api';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (filters: TaskFilters, limit: number) => [...taskKeys.all, 'list', filters, limit] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};
