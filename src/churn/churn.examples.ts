// Examples of the churn routes' request bodies and answers for the OpenAPI document (doc() in
// churn.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const RUN_ID = 'chr_01jnq40c2m8e5f7h9k3n6p4r2t';
const AT = '2026-03-02T02:00:00.000Z';

/** A repeat customer the BG/NBD model sees leaving: CLV + value at risk = value if the customer stays. */
const atRiskCustomer = {
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerName: 'Erika Mustermann',
  customerNumber: 'K-10042',
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  tier: 'gold',
  pAlive: 0.12,
  previousPAlive: 0.55,
  overdueRatio: 4.2,
  repeatPurchases: 9,
  valueAtRiskMinor: 167112,
  clvMinor: 22788,
  valueIfStaysMinor: 189900,
  rankMinor: 167112,
  valueBasis: 'clv',
  currency: 'EUR',
  list: 'call',
  reasons: [
    {
      code: 'p_alive_low',
      text: 'Wahrscheinlichkeit, dass der Kunde noch bei uns kauft: nur 12 % (gemeldet unter 30 %)',
    },
    {
      code: 'p_alive_drop',
      text: 'diese Wahrscheinlichkeit ist seit der letzten Bewertung von 55 % auf 12 % gefallen',
    },
    { code: 'overdue', text: 'kauft sonst alle 5 Wochen, zuletzt vor 21 Wochen: 16 Wochen über der Zeit' },
    {
      code: 'value',
      text: 'gefährdeter Wert 1.671 €: Kundenwert, wenn der Kunde bleibt (1.899 €), mal der Wahrscheinlichkeit, dass er geht (88 %)',
    },
  ],
  taskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
  runId: RUN_ID,
};

const customerChurnHistory = {
  runId: RUN_ID,
  at: AT,
  model: 'bgnbd',
  pAlive: 0.12,
  previousPAlive: 0.55,
  expectedPurchases: 0.41,
  clvMinor: 22788,
  valueAtRiskMinor: 167112,
  valueIfStaysMinor: 189900,
  valueBasis: 'clv',
  currency: 'EUR',
  x: 9,
  tx: 61.3,
  T: 82.1,
  unit: 'week',
  daysSinceLast: 147,
  usualGapDays: 35,
  gapBasis: 'own',
  overdueRatio: 4.2,
  atRisk: true,
};

const alertSettings = {
  pAliveBelow: 0.3,
  thresholdFromHoldout: true,
  dropAtLeast: 0.25,
  overdueRatioAbove: 5,
  minClvMinor: 0,
  cancellationNotice: true,
  openCasesAtLeast: 1,
  openCaseMinSeverity: 'medium',
  badRatingDays: 90,
  npsAtMost: 6,
  csatAtMost: 2,
  cesAtMost: 2,
};

const holdoutError = {
  model: 'bgnbd',
  converged: true,
  logLikelihood: -9582.43,
  params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  meanAbsoluteError: 0.62,
  predictedTotal: 1788.3,
  actualTotal: 1737,
  aggregateError: 0.03,
};

const churnRun = {
  id: RUN_ID,
  at: AT,
  model: 'bgnbd',
  selection: 'holdout',
  params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  standardErrors: { r: 0.0125, alpha: 0.3781, a: 0.1857, b: 0.7054 },
  logLikelihood: -9582.43,
  converged: true,
  holdoutErrors: [holdoutError],
  spendModel: {
    params: { p: 6.25, q: 3.74, v: 15.44 },
    standardErrors: { p: 1.19, q: 0.29, v: 4.16 },
    customers: 946,
    converged: true,
  },
  unit: 'week',
  unitDays: 7,
  calibrationEnd: '2026-03-01',
  holdoutWeeks: 26,
  horizon: 52.18,
  annualDiscountRate: 0.1,
  currency: 'EUR',
  thresholds: alertSettings,
  customers: 2357,
  groups: 1371,
  evaluations: 412,
  atRisk: 201,
  alerts: 50,
  phases: [
    { name: 'purchase summary', seconds: 0.08, cpuSeconds: 0.07, detail: '2357 customers' },
    {
      name: 'fit candidates on calibration',
      seconds: 0.21,
      cpuSeconds: 0.21,
      detail: 'bgnbd on 2357 customers',
    },
  ],
  message: null,
};

const share = (customers: number, noPurchaseShare: number, lift: number) => ({
  customers,
  noPurchaseShare,
  lift,
});

const churnDiagnostics = {
  runId: RUN_ID,
  model: 'bgnbd',
  unit: 'week',
  available: true,
  calibrationEnd: '2025-08-31',
  holdoutEnd: '2026-03-01',
  byFrequency: [
    { x: '0', customers: 1411, actualMean: 0.22, predictedMean: 0.24 },
    { x: '1', customers: 439, actualMean: 0.59, predictedMean: 0.61 },
  ],
  tracking: [
    {
      period: 1,
      end: '2025-01-07',
      actual: 12,
      expected: 11.4,
      cumulativeActual: 12,
      cumulativeExpected: 11.4,
    },
  ],
  holdoutErrors: [holdoutError],
  listCheck: {
    available: true,
    calibrationEnd: '2025-08-31',
    holdoutEnd: '2026-03-01',
    pAliveBelow: 0.3,
    thresholdChosenOn: 'holdout',
    capacity: 50,
    repeatCustomers: share(509, 0.43, 1),
    flagged: share(83, 0.61, 1.42),
    top: share(50, 0.6, 1.38),
    candidates: [
      { pAliveBelow: 0.3, customers: 83, noPurchaseShare: 0.61, lowerBound: 0.51 },
      { pAliveBelow: 0.4, customers: 124, noPurchaseShare: 0.59, lowerBound: 0.5 },
    ],
  },
  parameters: {
    model: 'bgnbd',
    params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
    standardErrors: { r: 0.0125, alpha: 0.3781, a: 0.1857, b: 0.7054 },
    logLikelihood: -9582.43,
    spend: { p: 6.25, q: 3.74, v: 15.44 },
  },
};

const churnRunMetrics = {
  from: '2026-02-01T00:00:00.000Z',
  to: '2026-03-01T00:00:00.000Z',
  items: [
    {
      runId: RUN_ID,
      at: AT,
      model: 'bgnbd',
      customers: 2357,
      atRisk: 201,
      valueAtRiskMinor: 8_912_300,
      currency: 'EUR',
    },
  ],
};

const churnSettings = {
  alerts: alertSettings,
  scoring: {
    unit: 'week',
    holdoutWeeks: 26,
    horizonDays: 365,
    annualDiscountRate: 0.1,
    models: ['bgnbd', 'mbgnbd', 'pnbd'],
    capacityPerWeek: 50,
    taskDueDays: 7,
  },
};

/** Per operationId: the example request body and/or 2xx answer. */
export const churnExamples = {
  listAtRiskCustomers: { response: pageExample(atRiskCustomer) },
  getCustomerChurnHistory: { response: { items: [customerChurnHistory] } },
  listChurnRuns: { response: pageExample(churnRun) },
  startChurnRun: {
    body: {
      calibrationEnd: '2026-03-01T23:00:00.000Z',
      unit: 'week',
      holdoutWeeks: 26,
      models: ['bgnbd', 'pnbd'],
    },
    response: { job: { key: 'churn.run:2026-03-02', type: 'churn.run' } },
  },
  getChurnRun: { response: churnRun },
  getChurnDiagnostics: { response: churnDiagnostics },
  getChurnRunMetrics: { response: churnRunMetrics },
  getChurnSettings: { response: churnSettings },
  updateChurnSettings: { body: churnSettings, response: churnSettings },
};
