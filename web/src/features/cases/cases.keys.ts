// The query keys of complaint cases, from one factory: lists under `lists`, one case and what hangs
// off it under `detail(id)`, so a write invalidates exactly what it changed.
import type { InboxFilters } from './cases.api';

export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  inbox: (filters: InboxFilters) => [...caseKeys.lists(), 'inbox', filters] as const,
  /** A customer's cases in one state ('' = still in a queue), for the Customer 360. */
  ofCustomer: (customerId: string, state: string) =>
    [...caseKeys.lists(), 'customer', customerId, state] as const,
  search: (q: string) => [...caseKeys.lists(), 'search', q] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  messages: (id: string) => [...caseKeys.detail(id), 'messages'] as const,
  audit: (id: string) => [...caseKeys.detail(id), 'audit'] as const,
  letter: (id: string) => [...caseKeys.detail(id), 'letter'] as const,
  goodwillBudget: () => [...caseKeys.all, 'goodwill-budget'] as const,
};
