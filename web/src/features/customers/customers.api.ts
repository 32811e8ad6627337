// Queries and mutations of the customers domain.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, type Page, type Query } from '../../lib/api';
import type { AuditEntry, Consent, Customer, TierSettings } from '../../lib/types';
import { settingsKeys } from '../settings/settings.keys';
import { customerKeys } from './customers.keys';

export type CustomerFilters = { q?: string; tier?: string; status?: string; locale?: string };

export function useCustomers(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam }) =>
      apiGet<Page<Customer>>('/customers', { ...filters, limit: 50, cursor: pageParam } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useCustomer = (id: string) =>
  useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => apiGet<Customer>(`/customers/${encodeURIComponent(id)}`),
  });

export const useConsents = (id: string) =>
  useQuery({
    queryKey: customerKeys.consents(id),
    queryFn: () => apiGet<{ items: Consent[] }>(`/customers/${id}/consents`),
  });

export const useCustomerAudit = (id: string) =>
  useQuery({
    queryKey: customerKeys.audit(id),
    queryFn: () => apiGet<{ items: AuditEntry[] }>(`/customers/${id}/audit`),
  });

export const useTierRules = () =>
  useQuery({
    queryKey: settingsKeys.tiers(),
    queryFn: () => apiGet<TierSettings>('/settings/tiers'),
    staleTime: 300_000,
  });

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => apiPost<Customer>('/customers', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.lists() }),
  });
}

export function useRecordConsent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => apiPost<Consent>(`/customers/${id}/consents`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.detail(id) }),
  });
}
