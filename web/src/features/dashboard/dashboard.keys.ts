// The query keys of the dashboard's figures (the metrics APIs), from one factory.
type Period = { from: string; to: string };

export const dashboardKeys = {
  all: ['metrics'] as const,
  surveys: (p: Period, groupBy: string) => [...dashboardKeys.all, 'surveys', p, groupBy] as const,
  cases: (p: Period, groupBy: string) => [...dashboardKeys.all, 'cases', p, groupBy] as const,
  pareto: (p: Period) => [...dashboardKeys.all, 'pareto', p] as const,
  repurchase: () => [...dashboardKeys.all, 'repurchase'] as const,
  churnRuns: (p: Period) => [...dashboardKeys.all, 'churn-runs', p] as const,
};
