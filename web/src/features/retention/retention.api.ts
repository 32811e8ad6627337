// Types, queries and mutations of the retention area (API: /api/v1/retention/…).
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api';
import type { Customer } from '../../lib/types';
import { customerKeys } from '../customers/customers.keys';
import { taskKeys } from '../tasks/tasks.keys';
import type { Period } from './period';
import { retentionKeys } from './retention.keys';

// The server's response types (type-only imports: nothing of the server is bundled).
import type { z } from 'zod';
import type {
  digestPreviewSchema,
  digestSendSchema,
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
  winBackCheckSchema,
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
export type DigestSent = z.infer<typeof digestSendSchema>;
export type WinBackCheck = z.infer<typeof winBackCheckSchema>;

const R = '/retention';

export const useLoyaltyPenalties = () =>
  useQuery({
    queryKey: retentionKeys.loyalty(),
    queryFn: () => apiGet<{ items: LoyaltyPenaltyItem[] }>(`${R}/loyalty-penalty`),
  });

export const useLoyaltySummary = (enabled = true) =>
  useQuery({
    queryKey: retentionKeys.loyaltySummary(),
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
    onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.all }),
  });
}

/** A manager decides a proposed customer is not lost, with the reason (audited). */
export function useDismissProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { customerId: string; reason: string }) => apiPost(`${R}/lost-proposals/dismiss`, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.all }),
  });
}

export const useLostCustomers = (p: Period) =>
  useQuery({
    queryKey: retentionKeys.lost(p),
    queryFn: () => apiGet<{ items: LostCustomer[] }>(`${R}/lost-customers`, p),
  });

export const useLostProposals = () =>
  useQuery({
    queryKey: retentionKeys.lostProposals(),
    queryFn: () => apiGet<{ items: LostProposal[] }>(`${R}/lost-proposals`),
  });

export const useLostReasons = (p: Period) =>
  useQuery({
    queryKey: retentionKeys.lostReasons(p),
    queryFn: () => apiGet<LostReasons>(`${R}/lost-reasons`, p),
  });

export const useWinBack = (p: Period) =>
  useQuery({
    queryKey: retentionKeys.winBack(p),
    queryFn: () => apiGet<WinBack>(`${R}/win-back`, p),
  });

export function useConfirmLost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; source: string; reasonCode?: string; reason?: string }) =>
      apiPost<LostCustomer>(`${R}/lost-customers`, body),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: retentionKeys.all });
      void qc.invalidateQueries({ queryKey: customerKeys.detail(v.customerId) });
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

export function useCheckWinBacks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<WinBackCheck>(`${R}/win-back/check`),
    onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.all }),
  });
}

export const useRetentionSettings = (enabled = true) =>
  useQuery({
    queryKey: retentionKeys.settings(),
    queryFn: () => apiGet<RetentionSettings>('/settings/retention'),
    enabled,
    staleTime: 60_000,
  });

export const useSurpriseProgress = () =>
  useQuery({
    queryKey: retentionKeys.surpriseProgress(),
    queryFn: () => apiGet<SurpriseProgress>(`${R}/surprises/progress`),
  });

export const useSurpriseEffect = (p: Period, enabled: boolean) =>
  useQuery({
    queryKey: retentionKeys.surpriseEffect(p),
    queryFn: () => apiGet<SurpriseEffect>(`${R}/surprises/effect`, p),
    enabled,
  });

export function useLogSurprise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; what: string; costMinor?: number; currency?: string }) =>
      apiPost<Surprise>(`${R}/surprises`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.surprises() }),
  });
}

export const useQueueFairness = (p: Period) =>
  useQuery({
    queryKey: retentionKeys.queueFairness(p),
    queryFn: () => apiGet<QueueFairness>(`${R}/queue-fairness`, p),
  });

export const useEconomics = (p: Period) =>
  useQuery({
    queryKey: retentionKeys.economics(p),
    queryFn: () => apiGet<Economics>(`${R}/economics`, p),
  });

export const useDigestPreview = (locale: 'de' | 'en') =>
  useQuery({
    queryKey: retentionKeys.digestPreview(locale),
    queryFn: () => apiGet<DigestPreview>(`${R}/digest/preview`, { locale }),
  });

export function useSendDigest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<DigestSent>(`${R}/digest/send`),
    onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.digest() }),
  });
}

/** Names of the given customers (one request each, cached), for lists that carry only ids. */
export function useCustomerNames(ids: string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: customerKeys.detail(id),
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
