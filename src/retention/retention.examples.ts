// Examples of the retention routes' request bodies and answers for the OpenAPI document (doc() in
// retention.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const lostCustomer = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  source: 'cancellation',
  reasonCode: 'price',
  reason: 'Kunde zieht ins Ausland',
  confirmedAt: '2026-03-02T09:00:00.000Z',
  confirmedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  valueMinor: 189900,
  valueBasis: 'clv',
  currency: 'EUR',
  offer: {
    kind: 'loyalty_price',
    amountMinor: 189900,
    text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  },
  winBackTaskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
  status: 'lost',
  wonBackAt: null,
};

const lostProposals = {
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerName: 'Erika Mustermann',
  source: 'cancellation',
  proposedAt: '2026-03-02T09:00:00.000Z',
  reason: 'Kunde zieht ins Ausland',
  contractId: 'ctr_01jnq40c2m8e5f7h9k3n6p4r2t',
  pAlive: 0.42,
  valueAtRiskMinor: 189900,
};

const lostReasons = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  total: 12,
  items: [
    {
      code: 'delivery_delay',
      count: 12,
      share: 0.42,
      fromExitInterview: 3,
      fromConfirmation: 12,
    },
  ],
  comments: [
    {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      at: '2026-03-02T09:00:00.000Z',
      text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
  ],
};

const winBackReport = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  lost: 3,
  wonBack: 3,
  winBackRate: 0.42,
  medianDaysToWinBack: 30,
  method: 'standardised',
};

const winBacks = {
  wonBack: 3,
};

const loyaltyPenalties = {
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerName: 'Erika Mustermann',
  customerNumber: 'K-10042',
  tenureYears: 7,
  currency: 'EUR',
  overpaymentPerYearMinor: 189900,
  since: '2026-01-01T00:00:00.000Z',
  contracts: [
    {
      contractId: 'ctr_01jnq40c2m8e5f7h9k3n6p4r2t',
      productId: 'prd_01jnq40c2m8e5f7h9k3n6p4r2t',
      productCode: 'INSP-KOMFORT',
      billingPeriod: 'monthly',
      priceMinor: 189900,
      newCustomerPriceMinor: 189900,
      overpaymentPerYearMinor: 189900,
      since: '2026-01-01T00:00:00.000Z',
    },
  ],
};

const loyaltyPenaltySummary = {
  totalPerYearMinor: 189900,
  currency: 'EUR',
  customers: 12,
  contracts: 3,
  dismissedContracts: 3,
};

const newCustomerPrice = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  contractId: 'ctr_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  action: 'applied',
  reason: 'Kunde zieht ins Ausland',
  priceMinor: 189900,
  newCustomerPriceMinor: 189900,
  currency: 'EUR',
  decidedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  decidedAt: '2026-03-02T09:00:00.000Z',
};

const queueFairness = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  timeBasis: 'business_minutes',
  groups: [
    {
      key: 'lt1',
      kind: 'customer',
      cases: 12,
      acknowledgement: {
        count: 12,
        medianMinutes: 90,
        p90Minutes: 90,
      },
      firstResponse: {
        count: 12,
        medianMinutes: 90,
        p90Minutes: 90,
      },
    },
  ],
  customers: {
    cases: 12,
    acknowledgement: {
      count: 12,
      medianMinutes: 90,
      p90Minutes: 90,
    },
    firstResponse: {
      count: 12,
      medianMinutes: 90,
      p90Minutes: 90,
    },
  },
  prospects: {
    cases: 12,
    acknowledgement: {
      count: 12,
      medianMinutes: 90,
      p90Minutes: 90,
    },
    firstResponse: {
      count: 12,
      medianMinutes: 90,
      p90Minutes: 90,
    },
  },
  flags: [
    {
      stage: 'acknowledgement',
      band: 'annoyed',
      comparedWith: 'customers under 1 year',
      medianMinutes: 90,
      comparedMedianMinutes: 90,
      text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
  ],
};

const surprise = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  userId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  what: 'Fahrzeug gewaschen und vollgetankt zurückgegeben',
  costMinor: 189900,
  currency: 'EUR',
  at: '2026-03-02T09:00:00.000Z',
};

const surpriseProgress = {
  date: '2026-03-02T09:00:00.000Z',
  goal: 3,
  teams: [
    {
      teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
      teamName: 'Anna Agent',
      count: 12,
      goal: 3,
      reached: false,
    },
  ],
  perPersonHidden: false,
  people: [
    {
      userId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      name: 'Anna Agent',
      teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
      count: 12,
    },
  ],
};

const surpriseEffect = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  days: 30,
  surprised: {
    customers: 12,
    repurchased: 3,
    repurchaseRate: 0.42,
    csatMean: 12,
    csatAnswers: 12,
  },
  comparison: {
    customers: 12,
    repurchased: 3,
    repurchaseRate: 0.42,
    csatMean: 12,
    csatAnswers: 12,
    standardisedRepurchaseRate: 0.42,
  },
  method: 'standardised',
};

const recognition = {
  anniversaries: 3,
  tierUpgrades: 3,
};

const retentionEconomics = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  currency: 'EUR',
  valueLostToChurn: {
    amountMinor: 189900,
    customers: 12,
    clvBased: 3,
    revenueBased: 3,
  },
  valueAtRisk: {
    amountMinor: 189900,
    customers: 12,
  },
  goodwill: {
    costMinor: 189900,
    retainedValueMinor: 189900,
    retainedCustomers: 12,
  },
  recovery: {
    months: 3,
    complainants: {
      n: 12,
      repurchased: 3,
      rate: 0.42,
    },
    nonComplainants: {
      n: 12,
      repurchased: 3,
      rate: 0.42,
    },
    method: 'standardised',
  },
  wordOfMouth: {
    unhappyCustomers: 12,
    peopleToldPerUnhappyCustomer: 3,
    estimatedReach: 3,
    isEstimate: true,
    assumptions: ['assumption'],
  },
};

const digest = {
  subject: 'Reparatur verspätet',
  html: '<p>Guten Morgen, Max Manager</p>',
  text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  week: '2026-W10',
  images: [
    {
      cid: 'chart-complaints',
      filename: 'rechnung-4711.pdf',
      contentType: 'application/pdf',
      contentBase64: 'iVBORw0KGgo=',
    },
  ],
};

const digest2 = {
  week: '2026-W10',
  sent: 12,
  alreadySent: 12,
};

const retentionSettings = {
  lostOnCancellation: 'propose',
  proposalPAliveBelow: 0.42,
  proposalDismissDays: 30,
  winBackFollowUpDays: 30,
  winBackTaskDueDays: 30,
  offers: {
    serviceVoucherMinor: 189900,
    generalVoucherMinor: 189900,
  },
  surpriseDailyGoal: 3,
  surpriseEffectDays: 30,
  recoveryMonths: 3,
  anniversaryYears: [3],
  wordOfMouthPeopleTold: 3,
  lostReasonRootCauses: {
    price: 'pricing',
  },
};

/** Per operationId: the example request body and/or 2xx answer. */
export const retentionExamples = {
  confirmLostCustomer: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      source: 'cancellation',
      reasonCode: 'price',
      reason: 'Kunde zieht ins Ausland',
    },
    response: lostCustomer,
  },
  listLostCustomers: { response: { items: [lostCustomer] } },
  listLostProposals: { response: { items: [lostProposals] } },
  dismissLostProposal: {
    body: { customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t', reason: 'Kunde zieht ins Ausland' },
  },
  getLostReasons: { response: lostReasons },
  getWinBackReport: { response: winBackReport },
  checkWinBacks: { response: winBacks },
  listLoyaltyPenalties: { response: { items: [loyaltyPenalties] } },
  getLoyaltyPenaltySummary: { response: loyaltyPenaltySummary },
  applyNewCustomerPrice: { response: newCustomerPrice },
  dismissLoyaltyPenalty: { body: { reason: 'Kunde zieht ins Ausland' }, response: newCustomerPrice },
  listLoyaltyDecisions: { response: { items: [newCustomerPrice] } },
  getQueueFairness: { response: queueFairness },
  logSurprise: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      what: 'Fahrzeug gewaschen und vollgetankt zurückgegeben',
      costMinor: 189900,
      currency: 'EUR',
    },
    response: surprise,
  },
  getSurpriseProgress: { response: surpriseProgress },
  getSurpriseEffect: { response: surpriseEffect },
  runRecognition: { response: recognition },
  getRetentionEconomics: { response: retentionEconomics },
  previewDigest: { response: digest },
  sendDigest: { response: digest2 },
  getRetentionSettings: { response: retentionSettings },
  updateRetentionSettings: {
    body: {
      lostOnCancellation: 'propose',
      proposalPAliveBelow: 0.42,
      proposalDismissDays: 30,
      winBackFollowUpDays: 30,
      winBackTaskDueDays: 30,
      offers: { serviceVoucherMinor: 189900, generalVoucherMinor: 189900 },
      surpriseDailyGoal: 3,
      surpriseEffectDays: 30,
      recoveryMonths: 3,
      anniversaryYears: [3],
      wordOfMouthPeopleTold: 3,
      lostReasonRootCauses: { price: 'pricing' },
    },
    response: retentionSettings,
  },
};
