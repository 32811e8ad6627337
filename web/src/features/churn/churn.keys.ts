// The query keys of the churn area, from one factory.
export const churnKeys = {
  all: ['churn'] as const,
  atRisk: (ownerId: string, list = '') => [...churnKeys.all, 'at-risk', ownerId, list] as const,
  diagnostics: () => [...churnKeys.all, 'diagnostics'] as const,
};
