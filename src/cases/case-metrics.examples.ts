// Examples of the case-metrics routes' request bodies and answers for the OpenAPI document (doc() in
// case-metrics.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const caseMetrics = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  groupBy: 'team',
  perPersonHidden: false,
  timeBasis: 'business_minutes',
  total: {
    key: 'churn.run:2026-03-02',
    label: 'Rückruf wegen Reparatur',
    cases: 12,
    acknowledgement: {
      count: 12,
      medianBusinessMinutes: 90,
      p90BusinessMinutes: 90,
    },
    firstResponse: {
      count: 12,
      medianBusinessMinutes: 90,
      p90BusinessMinutes: 90,
    },
    resolution: {
      count: 12,
      medianBusinessMinutes: 90,
      p90BusinessMinutes: 90,
    },
    slaFirstResponse: {
      met: 3,
      breached: 3,
      compliance: 3,
    },
    slaResolution: {
      met: 3,
      breached: 3,
      compliance: 3,
    },
    resolvedCases: 12,
    reopenedCases: 12,
    reopenRate: 0.42,
    escalations: 3,
    escalatedCases: 12,
    goodwillGranted: [
      {
        currency: 'EUR',
        amountMinor: 189900,
      },
    ],
    byRootCause: {
      example: 3,
    },
  },
  groups: [
    {
      key: 'churn.run:2026-03-02',
      label: 'Rückruf wegen Reparatur',
      cases: 12,
      acknowledgement: {
        count: 12,
        medianBusinessMinutes: 90,
        p90BusinessMinutes: 90,
      },
      firstResponse: {
        count: 12,
        medianBusinessMinutes: 90,
        p90BusinessMinutes: 90,
      },
      resolution: {
        count: 12,
        medianBusinessMinutes: 90,
        p90BusinessMinutes: 90,
      },
      slaFirstResponse: {
        met: 3,
        breached: 3,
        compliance: 3,
      },
      slaResolution: {
        met: 3,
        breached: 3,
        compliance: 3,
      },
      resolvedCases: 12,
      reopenedCases: 12,
      reopenRate: 0.42,
      escalations: 3,
      escalatedCases: 12,
      goodwillGranted: [
        {
          currency: 'EUR',
          amountMinor: 189900,
        },
      ],
      byRootCause: {
        example: 3,
      },
    },
  ],
};

const metricsSettings = {
  perPersonVisible: true,
};

/** Per operationId: the example request body and/or 2xx answer. */
export const caseMetricsExamples = {
  getCaseMetrics: { response: caseMetrics },
  getMetricsSettings: { response: metricsSettings },
  updateMetricsSettings: { body: { perPersonVisible: true }, response: metricsSettings },
};
