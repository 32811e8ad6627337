// Queries of the dashboard (the metrics APIs). Cards that show the same figures call the same hook;
// TanStack Query asks the server once per key.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { metricsSchema, repurchaseSchema } from '../../../../src/surveys/surveys.schema.js';
import { ApiError, apiGet } from '../../lib/api';
import type { CaseMetrics, ChurnRunMetrics, Pareto } from '../../lib/types';
import { dashboardKeys } from './dashboard.keys';
import type { DashboardView, Period } from './view';

export type SurveyMetrics = z.infer<typeof metricsSchema>;
export type Repurchase = z.infer<typeof repurchaseSchema>;

/** A card whose API refuses the reader (403) is not shown at all. */
export const forbidden = (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 401);

export const useSurveyMetrics = (v: DashboardView) =>
  useQuery({
    queryKey: dashboardKeys.surveys(v.period, v.apiGroup),
    queryFn: () => apiGet<SurveyMetrics>('/metrics/surveys', { ...v.period, groupBy: v.apiGroup }),
  });

export const useCaseMetrics = (v: DashboardView) =>
  useQuery({
    queryKey: dashboardKeys.cases(v.period, v.apiGroup),
    queryFn: () =>
      apiGet<CaseMetrics>('/metrics/cases', {
        ...v.period,
        groupBy: v.apiGroup,
        period: v.grouped ? undefined : 'month',
      }),
  });

export const usePareto = (period: Period) =>
  useQuery({
    queryKey: dashboardKeys.pareto(period),
    queryFn: () => apiGet<Pareto>('/root-causes/pareto', period),
  });

export const useRepurchase = () =>
  useQuery({
    queryKey: dashboardKeys.repurchase(),
    queryFn: () => apiGet<Repurchase>('/metrics/repurchase-matrix'),
  });

export const useChurnRuns = (period: Period) =>
  useQuery({
    queryKey: dashboardKeys.churnRuns(period),
    queryFn: () => apiGet<ChurnRunMetrics>('/metrics/churn-runs', period),
    retry: (n, e) => !forbidden(e) && n < 2,
  });
