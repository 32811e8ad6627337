// The query keys of the retention area, from one factory (a write invalidates `all` or a branch).
import type { Period } from './period';

type AnyPeriod = Period | { from: string; to: string };

export const retentionKeys = {
  all: ['retention'] as const,
  loyalty: () => [...retentionKeys.all, 'loyalty'] as const,
  loyaltySummary: () => [...retentionKeys.loyalty(), 'summary'] as const,
  lost: (p: AnyPeriod) => [...retentionKeys.all, 'lost', p] as const,
  lostProposals: () => [...retentionKeys.all, 'lost-proposals'] as const,
  lostReasons: (p: Period) => [...retentionKeys.all, 'lost-reasons', p] as const,
  winBack: (p: AnyPeriod) => [...retentionKeys.all, 'win-back', p] as const,
  surprises: () => [...retentionKeys.all, 'surprises'] as const,
  surpriseProgress: () => [...retentionKeys.surprises(), 'progress'] as const,
  surpriseEffect: (p: Period) => [...retentionKeys.surprises(), 'effect', p] as const,
  queueFairness: (p: Period) => [...retentionKeys.all, 'queue-fairness', p] as const,
  economics: (p: Period) => [...retentionKeys.all, 'economics', p] as const,
  digest: () => [...retentionKeys.all, 'digest'] as const,
  digestPreview: (locale: 'de' | 'en') => [...retentionKeys.digest(), locale] as const,
  settings: () => [...retentionKeys.all, 'settings'] as const,
};
