// The NPS, CSAT and CES rows behind the two survey cards (one row per month or per group).
import type { SurveyMetrics } from '../dashboard.api';
import type { DashboardView } from '../view';

export function surveyRows(data: SurveyMetrics | undefined, v: DashboardView) {
  return v.order(
    (data?.groups ?? [])
      .filter((g) => v.grouped || g.key)
      .map((g) => ({
        ...v.lead(g.key),
        nps: g.nps.value,
        npsN: g.nps.n,
        csat: g.csat.value,
        csatN: g.csat.n,
        ces: g.ces.value,
        cesN: g.ces.n,
      })),
  );
}
