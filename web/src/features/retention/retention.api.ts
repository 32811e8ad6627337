// Types, queries and mutations of the retention area (API: /api/v1/retention/…).
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api';
import type { Customer } from '../../lib/types';
import type { Period } from './period';

// The server's response types (type-only imports: nothing of the server is bundled).
import type { z } from 'zod';
import type {
  digestPreviewSchema,
  Economics,
  fairnessGroupSchema,
  LostCustomer,
  LostReasons,
  LoyaltyPenaltyItem,
  loyaltyPenaltySummarySchema,
  lostProposalSchema,
  progressSchema,
  QueueFairness,
  Surprise,
  surpriseEffectSchema,
  WinBack,
} from '../../../../src/retention/retention.schema.js';
import type { RetentionSettings } from '../../../../src/retention/retention.settings.js';

export type {
  Economics,
  LostCustomer,
  LostReasons,
  LoyaltyPenaltyItem,
  QueueFairness,
  RetentionSettings,
  Surprise,
  WinBack,
};
export type LostProposal = z.infer<typeof lostProposalSchema>;
export type ContractPenalty = LoyaltyPenaltyItem['contracts'][number];
export type LoyaltySummary = z.infer<typeof loyaltyPenaltySummarySchema>;
export type FairnessGroup = z.infer<typeof fairnessGroupSchema>;
export type Wait = FairnessGroup['acknowledgement'];
export type SurpriseProgress = z.infer<typeof progressSchema>;
export type SurpriseEffect = z.infer<typeof surpriseEffectSchema>;
export type DigestPreview = z.infer<typeof digestPreviewSchema>;

const R = '/retention';

export const useLoyaltyPenalties = () =>
  useQuery({
    queryKey: ['retention', 'loyalty'],
    queryFn: () => apiGet<{ items: LoyaltyPenaltyItem[] }>(`${R}/loyalty-penalty`),
  });

export const useLoyaltySummary = (enabled = true) =>
  useQuery({
    queryKey: ['retention', 'loyalty', 'summary'],
    queryFn: () => apiGet<LoyaltySummary>(`${R}/loyalty-penalty/summary`),
    enabled,
  });

/** Applies the new-customer price to a contract, or records why not (`reason`). */
export function useLoyaltyDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { contractId: string; reason?: string }) =>
      v.reason === undefined
        ? apiPost(`${R}/loyalty-penalty/${encodeURIComponent(v.contractId)}/apply-new-price`)
        : apiPost(`${R}/loyalty-penalty/${encodeURIComponent(v.contractId)}/dismiss`, { reason: v.reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  });
}

/** A manager decides a proposed customer is not lost, with the reason (audited). */
export function useDismissProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { customerId: string; reason: string }) => apiPost(`${R}/lost-proposals/dismiss`, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  });
}

export const useLostCustomers = (p: Period) =>
  useQuery({
    queryKey: ['retention', 'lost', p],
    queryFn: () => apiGet<{ items: LostCustomer[] }>(`${R}/lost-customers`, p),
  });

export const useLostProposals = () =>
  useQuery({
    queryKey: ['retention', 'lost-proposals'],
    queryFn: () => apiGet<{ items: LostProposal[] }>(`${R}/lost-proposals`),
  });

export const useLostReasons = (p: Period) =>
  useQuery({
    queryKey: ['retention', 'lost-reasons', p],
    queryFn: () => apiGet<LostReasons>(`${R}/lost-reasons`, p),
  });

export const useWinBack = (p: Period) =>
  useQuery({
    queryKey: ['retention', 'win-back', p],
    queryFn: () => apiGet<WinBack>(`${R}/win-back`, p),
  });

export function useConfirmLost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; source: string; reasonCode?: string; reason?: string }) =>
      apiPost<LostCustomer>(`${R}/lost-customers`, body),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: ['retention'] });
      void qc.invalidateQueries({ queryKey: ['customer', v.customerId] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useCheckWinBacks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ wonBack: number }>(`${R}/win-back/check`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  });
}

export const useRetentionSettings = (enabled = true) =>
  useQuery({
    queryKey: ['settings', 'retention'],
    queryFn: () => apiGet<RetentionSettings>('/settings/retention'),
    enabled,
    staleTime: 60_000,
  });

export const useSurpriseProgress = () =>
  useQuery({
    queryKey: ['retention', 'surprises', 'progress'],
    queryFn: () => apiGet<SurpriseProgress>(`${R}/surprises/progress`),
  });

export const useSurpriseEffect = (p: Period, enabled: boolean) =>
  useQuery({
    queryKey: ['retention', 'surprises', 'effect', p],
    queryFn: () => apiGet<SurpriseEffect>(`${R}/surprises/effect`, p),
    enabled,
  });

export function useLogSurprise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; what: string; costMinor?: number; currency?: string }) =>
      apiPost<Surprise>(`${R}/surprises`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention', 'surprises'] }),
  });
}

export const useQueueFairness = (p: Period) =>
  useQuery({
    queryKey: ['retention', 'queue-fairness', p],
    queryFn: () => apiGet<QueueFairness>(`${R}/queue-fairness`, p),
  });

export const useEconomics = (p: Period) =>
  useQuery({
    queryKey: ['retention', 'economics', p],
    queryFn: () => apiGet<Economics>(`${R}/economics`, p),
  });

export const useDigestPreview = (locale: 'de' | 'en') =>
  useQuery({
    queryKey: ['retention', 'digest', locale],
    queryFn: () => apiGet<DigestPreview>(`${R}/digest/preview`, { locale }),
  });

export function useSendDigest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ week: string; sent: number; alreadySent: number }>(`${R}/digest/send`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention', 'digest'] }),
  });
}

/** Names of the given customers (one request each, cached), for lists that carry only ids. */
export function useCustomerNames(ids: string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['customer', id],
      queryFn: () => apiGet<Customer>(`/customers/${encodeURIComponent(id)}`),
      staleTime: 60_000,
    })),
  });
  const names = new Map<string, string>();
  unique.forEach((id, i) => {
    const c = results[i]?.data;
    if (c) names.set(id, c.name);
  });
  return names;
}

/** The export URL of a figure as CSV (the server's own export, same columns as the CLI). */
export const exportUrl = (figure: string, p?: Period) => {
  const q = p ? `?from=${encodeURIComponent(p.from)}` : '';
  return `/api/v1${R}/exports/${figure}${q}`;
};
