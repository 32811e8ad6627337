// The query keys of the customers area, from one factory: everything the Customer 360 shows about one
// customer (also what other domains hold about them) lies under `detail(id)`, so an erasure or a
// consent refreshes all of it.
import type { CustomerFilters } from './customers.api';

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: CustomerFilters) => [...customerKeys.lists(), filters] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  consents: (id: string) => [...customerKeys.detail(id), 'consents'] as const,
  audit: (id: string) => [...customerKeys.detail(id), 'audit'] as const,
  purchases: (id: string) => [...customerKeys.detail(id), 'purchases'] as const,
  scores: (id: string) => [...customerKeys.detail(id), 'churn'] as const,
  contracts: (id: string) => [...customerKeys.detail(id), 'contracts'] as const,
  answers: (id: string) => [...customerKeys.detail(id), 'answers'] as const,
  newCustomerPrice: (productId: string) => [...customerKeys.all, 'new-customer-price', productId] as const,
};
