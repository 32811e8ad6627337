// Types, queries and mutations of the retention area (API: /api/v1/retention/…).
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api';
import type { Customer } from '../../lib/types';
import type { Period } from './period';

export type LostCustomer = {
  id: string;
  customerId: string;
  source: 'cancellation' | 'churn_model' | 'manual';
  reasonCode: string | null;
  reason: string | null;
  confirmedAt: string;
  confirmedBy: string | null;
  valueMinor: number;
  valueBasis: 'clv' | 'revenue_12m';
  currency: string;
  offer: { kind: 'loyalty_price' | 'service_voucher' | 'voucher'; amountMinor: number | null; text: string };
  winBackTaskId: string | null;
  status: 'lost' | 'won_back';
  wonBackAt: string | null;
};

export type LostProposal = {
  customerId: string;
  customerName: string;
  source: 'cancellation' | 'churn_model';
  proposedAt: string | null;
  reason: string | null;
  contractId: string | null;
  pAlive: number | null;
  valueAtRiskMinor: number | null;
};

export type LostReasons = {
  from: string;
  to: string;
  total: number;
  items: Array<{
    code: string;
    count: number;
    share: number;
    fromExitInterview: number;
    fromConfirmation: number;
  }>;
  comments: Array<{ customerId: string; at: string; text: string }>;
};

export type WinBack = {
  from: string;
  to: string;
  lost: number;
  wonBack: number;
  winBackRate: number | null;
  medianDaysToWinBack: number | null;
  method: string;
};

export type ContractPenalty = {
  contractId: string;
  productId: string;
  productCode: string;
  billingPeriod: string;
  priceMinor: number;
  newCustomerPriceMinor: number;
  overpaymentPerYearMinor: number;
  since: string;
};

export type LoyaltyPenaltyItem = {
  customerId: string;
  customerName: string;
  customerNumber: string;
  tenureYears: number;
  currency: string;
  overpaymentPerYearMinor: number;
  since: string;
  contracts: ContractPenalty[];
};

export type LoyaltySummary = {
  totalPerYearMinor: number;
  currency: string;
  customers: number;
  contracts: number;
  dismissedContracts: number;
};

export type Wait = { count: number; medianMinutes: number | null; p90Minutes: number | null };
export type FairnessGroup = {
  key: 'lt1' | 'y1to3' | 'y3to10' | 'gt10' | 'prospect';
  kind: 'customer' | 'prospect';
  cases: number;
  acknowledgement: Wait;
  firstResponse: Wait;
};
export type QueueFairness = {
  from: string;
  to: string;
  timeBasis: 'business_minutes';
  groups: FairnessGroup[];
  customers: { cases: number; acknowledgement: Wait; firstResponse: Wait };
  prospects: { cases: number; acknowledgement: Wait; firstResponse: Wait };
  flags: Array<{
    stage: 'acknowledgement' | 'firstResponse';
    band: string;
    comparedWith: string;
    medianMinutes: number;
    comparedMedianMinutes: number;
    text: string;
  }>;
};

export type Surprise = {
  id: string;
  customerId: string;
  userId: string | null;
  teamId: string | null;
  what: string;
  costMinor: number | null;
  currency: string | null;
  at: string;
};

export type SurpriseProgress = {
  date: string;
  goal: number;
  teams: Array<{ teamId: string | null; teamName: string; count: number; goal: number; reached: boolean }>;
  perPersonHidden: boolean;
  people: Array<{ userId: string | null; name: string; teamId: string | null; count: number }> | null;
};

type GroupEffect = {
  customers: number;
  repurchased: number;
  repurchaseRate: number | null;
  csatMean: number | null;
  csatAnswers: number;
};
export type SurpriseEffect = {
  from: string;
  to: string;
  days: number;
  surprised: GroupEffect;
  comparison: GroupEffect & { standardisedRepurchaseRate: number | null };
  method: string;
};

export type Economics = {
  from: string;
  to: string;
  currency: string;
  valueLostToChurn: { amountMinor: number; customers: number; clvBased: number; revenueBased: number };
  valueAtRisk: { amountMinor: number; customers: number };
  goodwill: { costMinor: number; retainedValueMinor: number; retainedCustomers: number };
  recovery: {
    months: number;
    complainants: { n: number; repurchased: number; rate: number | null };
    nonComplainants: { n: number; repurchased: number; rate: number | null };
    method: string;
  };
  wordOfMouth: {
    unhappyCustomers: number;
    peopleToldPerUnhappyCustomer: number;
    estimatedReach: number;
    isEstimate: true;
    assumptions: string[];
  };
};

export type DigestPreview = {
  subject: string;
  html: string;
  text: string;
  week: string;
  images: Array<{ cid: string; filename: string; contentType: string; contentBase64: string }>;
};

export type RetentionSettings = { winBackFollowUpDays: number; surpriseDailyGoal: number } & Record<
  string,
  unknown
>;

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
