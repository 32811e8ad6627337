// Examples of the churn routes' request bodies and answers for the OpenAPI document (doc() in
// churn.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const atRiskCustomers = {
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerName: 'Erika Mustermann',
  customerNumber: 'K-10042',
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  tier: 'gold',
  pAlive: 0.42,
  previousPAlive: 0.42,
  overdueRatio: 0.42,
  valueAtRiskMinor: 189900,
  valueBasis: 'clv',
  currency: 'EUR',
  reasons: [
    {
      code: 'p_alive_low',
      text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
  ],
  taskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
  runId: 'chr_01jnq40c2m8e5f7h9k3n6p4r2t',
};

const customerChurnHistory = {
  runId: 'chr_01jnq40c2m8e5f7h9k3n6p4r2t',
  at: '2026-03-02T09:00:00.000Z',
  model: 'pareto_nbd',
  pAlive: 0.42,
  previousPAlive: 0.42,
  expectedPurchases: 3,
  clvMinor: 189900,
  valueAtRiskMinor: 189900,
  valueBasis: 'clv',
  currency: 'EUR',
  x: 3,
  tx: 3,
  T: 3,
  unit: 'day',
  daysSinceLast: 30,
  usualGapDays: 30,
  gapBasis: 'own',
  overdueRatio: 0.42,
  atRisk: false,
};

const churnRuns = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  at: '2026-03-02T09:00:00.000Z',
  model: 'bgnbd',
  selection: 'holdout',
  params: {
    example: 3,
  },
  standardErrors: {
    example: 3,
  },
  logLikelihood: 3,
  converged: false,
  holdoutErrors: [
    {
      model: 'bgnbd',
      converged: false,
      logLikelihood: 3,
      params: {
        example: 3,
      },
      meanAbsoluteError: 3,
      predictedTotal: 12,
      actualTotal: 12,
      aggregateError: 3,
    },
  ],
  spendModel: {
    params: {
      example: 3,
    },
    standardErrors: {
      example: 3,
    },
    customers: 12,
    converged: false,
  },
  unit: 'day',
  unitDays: 30,
  calibrationEnd: '2026-01-01T00:00:00.000Z',
  holdoutWeeks: 3,
  horizon: 12,
  annualDiscountRate: 0.42,
  currency: 'EUR',
  thresholds: {
    pAliveBelow: 0.42,
    dropAtLeast: 0.5,
    overdueRatioAbove: 0.42,
    minClvMinor: 189900,
    cancellationNotice: true,
    openCasesAtLeast: 1,
    openCaseMinSeverity: 'medium',
    badRatingDays: 90,
    npsAtMost: 6,
    csatAtMost: 2,
    cesAtMost: 2,
  },
  customers: 12,
  groups: 3,
  evaluations: 3,
  atRisk: 3,
  alerts: 3,
  phases: [
    {
      name: 'fit',
      seconds: 3,
      cpuSeconds: 3,
      detail: 'Fitted on 1,204 customers',
    },
  ],
  message: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
};

const churnRun = {
  job: {
    key: 'churn.run:2026-03-02',
    type: 'churn.run',
  },
};

const churnDiagnostics = {
  runId: 'chr_01jnq40c2m8e5f7h9k3n6p4r2t',
  model: 'bgnbd',
  unit: 'day',
  available: false,
  calibrationEnd: '2026-01-01T00:00:00.000Z',
  holdoutEnd: '2026-03-02T09:00:00.000Z',
  byFrequency: [
    {
      x: '2',
      customers: 12,
      actualMean: 12,
      predictedMean: 12,
    },
  ],
  tracking: [
    {
      period: 3,
      end: '2026-02-23T00:00:00.000Z',
      actual: 3,
      expected: 3,
      cumulativeActual: 3,
      cumulativeExpected: 3,
    },
  ],
  holdoutErrors: [
    {
      model: 'bgnbd',
      converged: false,
      logLikelihood: 3,
      params: {
        example: 3,
      },
      meanAbsoluteError: 3,
      predictedTotal: 12,
      actualTotal: 12,
      aggregateError: 3,
    },
  ],
  parameters: {
    model: 'bgnbd',
    params: {
      example: 3,
    },
    standardErrors: {
      example: 3,
    },
    logLikelihood: 3,
    spend: {
      example: 3,
    },
  },
};

const churnRunMetrics = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  items: [
    {
      runId: 'chr_01jnq40c2m8e5f7h9k3n6p4r2t',
      at: '2026-03-02T09:00:00.000Z',
      model: 'pareto_nbd',
      customers: 12,
      atRisk: 3,
      valueAtRiskMinor: 189900,
      currency: 'EUR',
    },
  ],
};

const churnSettings = {
  alerts: {
    pAliveBelow: 0.42,
    dropAtLeast: 0.5,
    overdueRatioAbove: 0.42,
    minClvMinor: 189900,
    cancellationNotice: true,
    openCasesAtLeast: 1,
    openCaseMinSeverity: 'medium',
    badRatingDays: 90,
    npsAtMost: 6,
    csatAtMost: 2,
    cesAtMost: 2,
  },
  scoring: {
    unit: 'day',
    holdoutWeeks: 3,
    horizonDays: 30,
    annualDiscountRate: 0.42,
    models: ['bgnbd'],
    maxNewTasksPerRun: 12,
    taskDueDays: 30,
  },
};

/** Per operationId: the example request body and/or 2xx answer. */
export const churnExamples = {
  listAtRiskCustomers: { response: pageExample(atRiskCustomers) },
  getCustomerChurnHistory: { response: { items: [customerChurnHistory] } },
  listChurnRuns: { response: pageExample(churnRuns) },
  startChurnRun: {
    body: {
      calibrationEnd: '2026-01-01T00:00:00.000Z',
      unit: 'day',
      holdoutWeeks: 3,
      models: ['bgnbd'],
      horizon: 12,
    },
    response: churnRun,
  },
  getChurnRun: { response: churnRuns },
  getChurnDiagnostics: { response: churnDiagnostics },
  getChurnRunMetrics: { response: churnRunMetrics },
  getChurnSettings: { response: churnSettings },
  updateChurnSettings: {
    body: {
      alerts: {
        pAliveBelow: 0.42,
        dropAtLeast: 0.5,
        overdueRatioAbove: 0.42,
        minClvMinor: 189900,
        cancellationNotice: true,
        openCasesAtLeast: 1,
        openCaseMinSeverity: 'medium',
        badRatingDays: 90,
        npsAtMost: 6,
        csatAtMost: 2,
        cesAtMost: 2,
      },
      scoring: {
        unit: 'day',
        holdoutWeeks: 3,
        horizonDays: 30,
        annualDiscountRate: 0.42,
        models: ['bgnbd'],
        maxNewTasksPerRun: 12,
        taskDueDays: 30,
      },
    },
    response: churnSettings,
  },
};
