// Examples of the cases routes' request bodies and answers for the OpenAPI document (doc() in
// cases.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const caseInbox = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  reference: 'R-2026-0042',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerName: 'Erika Mustermann',
  customerTier: 'gold',
  tenureYears: 11.9,
  status: 'new',
  severity: 'low',
  priority: 'low',
  priorityScore: 8,
  angerBand: 'annoyed',
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  touchpointCode: 'workshop_visit',
  escalationLevel: 3,
  receivedAt: '2026-03-02T08:12:00.000Z',
  firstResponseDueAt: '2026-03-05T16:00:00.000Z',
  resolutionDueAt: '2026-03-05T16:00:00.000Z',
};

const goodwillBudget = {
  userId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  currency: 'EUR',
  perCaseMinor: 189900,
  perMonthMinor: 189900,
  usedThisMonthMinor: 189900,
  remainingMinor: 189900,
};

const caseExample = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  reference: 'R-2026-0042',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  channel: 'email',
  touchpointCode: 'workshop_visit',
  subject: 'Reparatur verspätet',
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  requestedRemedy: 'Erstattung der Mietwagenkosten',
  lang: 'de',
  status: 'new',
  severity: 'low',
  priority: 'low',
  priorityScore: 8,
  priorityFactors: {
    anger: 3,
    tier: 2,
    severity: 1,
  },
  anger: {
    level: 3,
    band: 'annoyed',
    leaving: false,
    signals: [
      {
        kind: 'insult',
        text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
        weight: 3,
      },
    ],
  },
  customerTier: 'gold',
  customerSince: '2014-04-01T00:00:00.000Z',
  tenureYears: 11.9,
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  ownerName: 'Anna Agent',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  escalationLevel: 3,
  receivedAt: '2026-03-02T08:12:00.000Z',
  firstResponseAt: '2026-03-02T09:00:00.000Z',
  firstResponseDueAt: '2026-03-05T16:00:00.000Z',
  resolutionDueAt: '2026-03-05T16:00:00.000Z',
  slaPaused: false,
  apology: 'Es tut uns leid, dass Sie so lange auf Ihr Auto warten mussten.',
  rootCauseCode: 'delivery_delay',
  rootCauseAnalysis: 'Ersatzteil wurde zu spät bestellt.',
  preventiveAction: 'Teile bei Auftragsannahme bestellen.',
  resolvedAt: '2026-03-02T09:00:00.000Z',
  closedAt: null,
  trivial: false,
  reopenCount: 12,
  letterSentAt: '2026-03-02T09:00:00.000Z',
  verification: 'verified',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  points: [
    {
      id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
      position: 12,
      text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      answer: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      outcome: 'resolved',
      rootCauseCode: 'delivery_delay',
      answeredAt: null,
      answeredBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      splitFrom: '2026-03-02T09:00:00.000Z',
    },
  ],
  commitments: [
    {
      id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
      caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
      kind: 'refund',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      dueAt: '2026-03-05T16:00:00.000Z',
      amountMinor: 189900,
      currency: 'EUR',
      status: 'open',
      fulfilledAt: null,
      fulfilledBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      reminderSentAt: '2026-03-02T09:00:00.000Z',
      overdueAlertSentAt: '2026-03-02T09:00:00.000Z',
      createdAt: '2026-03-02T09:00:00.000Z',
    },
  ],
  goodwill: [
    {
      id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
      caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
      kind: 'credit',
      amountMinor: 189900,
      currency: 'EUR',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      status: 'granted',
      requestedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      requestedAt: '2026-03-02T09:00:00.000Z',
      decidedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      decidedAt: null,
      decisionNote: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      approvalTaskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
      approverId: null,
      endorsements: [],
    },
  ],
  escalations: [
    {
      id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
      level: 3,
      reasons: ['Kunde zieht ins Ausland'],
      fromUserId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      toUserId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      taskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
      at: '2026-03-02T09:00:00.000Z',
    },
  ],
};

const casePoint = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  position: 12,
  text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  answer: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  outcome: 'resolved',
  rootCauseCode: 'delivery_delay',
  answeredAt: null,
  answeredBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  splitFrom: '2026-03-02T09:00:00.000Z',
};

const caseCommitment = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  kind: 'refund',
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  dueAt: '2026-03-05T16:00:00.000Z',
  amountMinor: 189900,
  currency: 'EUR',
  status: 'open',
  fulfilledAt: null,
  fulfilledBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  reminderSentAt: '2026-03-02T09:00:00.000Z',
  overdueAlertSentAt: '2026-03-02T09:00:00.000Z',
  createdAt: '2026-03-02T09:00:00.000Z',
};

const caseGoodwill = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  kind: 'credit',
  amountMinor: 189900,
  currency: 'EUR',
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  status: 'granted',
  requestedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  requestedAt: '2026-03-02T09:00:00.000Z',
  decidedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  decidedAt: null,
  decisionNote: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  approvalTaskId: 'tsk_01jnq40c2m8e5f7h9k3n6p4r2t',
  approverId: null,
  endorsements: [
    { userId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t', at: '2026-03-02T09:00:00.000Z', note: 'Langjähriger Kunde' },
  ],
};

const caseLetter = {
  lang: 'de',
  to: '2026-03-02T09:00:00.000Z',
  subject: 'Reparatur verspätet',
  text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
};

const caseLetter2 = {
  mailId: 'mail_01jnq40c2m8e5f7h9k3n6p4r2t',
  subject: 'Reparatur verspätet',
  text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
};

const caseAudit = {
  id: 'aud_01jnq3z8r4y6w2k5t7v9x1b3d5',
  at: '2026-03-02T09:00:00.000Z',
  actor: {
    id: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    name: 'Anna Agent',
  },
  action: 'update',
  label: 'Rückruf wegen Reparatur',
  changes: {
    status: { before: 'new', after: 'open' },
  },
};

const caseLetterTemplates = {
  de: {
    subject: 'Reparatur verspätet',
    body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    point: '{{point}}: {{answer}}',
  },
  en: {
    subject: 'Reparatur verspätet',
    body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    point: '{{point}}: {{answer}}',
  },
};

const caseSettings = {
  slaPolicies: {
    urgent: {
      firstResponseMinutes: 90,
      resolutionMinutes: 90,
    },
    high: {
      firstResponseMinutes: 90,
      resolutionMinutes: 90,
    },
    normal: {
      firstResponseMinutes: 90,
      resolutionMinutes: 90,
    },
    low: {
      firstResponseMinutes: 90,
      resolutionMinutes: 90,
    },
  },
  calendar: {
    timeZone: 'Europe/Berlin',
    workingDays: [1, 2, 3, 4, 5],
    workingHours: [
      {
        start: '08:00',
        end: '17:00',
      },
    ],
    holidayCountry: 'DE',
    holidayState: 'BE',
    closedDates: ['2026-03-02'],
  },
  escalationShare: 0.42,
  angerEscalateAt: 0.5,
  highValueTiers: ['gold'],
  callbackBusinessMinutes: 90,
  reminderBusinessMinutes: 90,
  currency: 'EUR',
  goodwillLimits: {
    agent: {
      perCaseMinor: 189900,
      perMonthMinor: 189900,
    },
    manager: {
      perCaseMinor: 189900,
      perMonthMinor: 189900,
    },
    admin: {
      perCaseMinor: 189900,
      perMonthMinor: 189900,
    },
  },
  resolutionGate: { relaxForLowSeverity: false },
};

/** Per operationId: the example request body and/or 2xx answer. */
export const casesExamples = {
  listCaseInbox: { response: pageExample(caseInbox) },
  getGoodwillBudget: { response: goodwillBudget },
  createCase: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      channel: 'api',
      touchpointCode: 'workshop_visit',
      subject: 'Reparatur verspätet',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      points: [{ text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.' }],
      requestedRemedy: 'Erstattung der Mietwagenkosten',
      severity: 'medium',
      receivedAt: '2026-03-02T08:12:00.000Z',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    },
    response: caseExample,
  },
  getCase: { response: caseExample },
  updateCase: {
    body: {
      status: 'open',
      severity: 'low',
      touchpointCode: 'workshop_visit',
      subject: 'Reparatur verspätet',
      requestedRemedy: 'Erstattung der Mietwagenkosten',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      apology: 'Es tut uns leid, dass Sie so lange auf Ihr Auto warten mussten.',
      rootCauseCode: 'delivery_delay',
      rootCauseAnalysis: 'Ersatzteil wurde zu spät bestellt.',
      preventiveAction: 'Teile bei Auftragsannahme bestellen.',
    },
    response: caseExample,
  },
  addCasePoint: {
    body: { text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.' },
    response: casePoint,
  },
  mergeCasePoints: {
    body: {
      pointIds: ['cpt_01jnq40c2m8e5f7h9k3n6p4r2t', 'cpt_01jnq40c2m8e5f7h9k3n6p4r2t'],
      text: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
    response: casePoint,
  },
  splitCasePoint: {
    body: {
      texts: [
        'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
        'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      ],
    },
    response: { items: [casePoint] },
  },
  answerCasePoint: {
    body: {
      answer: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      outcome: 'resolved',
      rootCauseCode: 'delivery_delay',
    },
    response: casePoint,
  },
  resolveCase: { response: caseExample },
  closeCase: {
    body: { trivial: false, callbackOutcome: 'Kunde zurückgerufen, Erstattung bestätigt' },
    response: caseExample,
  },
  reopenCase: { body: { reason: 'Kunde zieht ins Ausland' }, response: caseExample },
  addCaseCommitment: {
    body: {
      kind: 'refund',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      dueAt: '2026-03-05T16:00:00.000Z',
      amountMinor: 189900,
      currency: 'EUR',
    },
    response: caseCommitment,
  },
  fulfilCaseCommitment: {
    body: { note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.' },
    response: caseCommitment,
  },
  addCaseGoodwill: {
    body: {
      kind: 'credit',
      amountMinor: 189900,
      currency: 'EUR',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      status: 'granted',
    },
    response: caseGoodwill,
  },
  approveCaseGoodwill: {
    body: { note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.' },
    response: caseGoodwill,
  },
  declineCaseGoodwill: {
    body: { reason: 'Der Schaden ist bereits über die Garantie erstattet.' },
    response: caseGoodwill,
  },
  getCaseLetter: { response: caseLetter },
  sendCaseLetter: { response: caseLetter2 },
  listCaseAudit: { response: { items: [caseAudit] } },
  getCaseLetterTemplates: { response: caseLetterTemplates },
  updateCaseLetterTemplates: {
    body: {
      de: {
        subject: 'Reparatur verspätet',
        body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
        point: '{{point}}: {{answer}}',
      },
      en: {
        subject: 'Reparatur verspätet',
        body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
        point: '{{point}}: {{answer}}',
      },
    },
    response: caseLetterTemplates,
  },
  getCaseSettings: { response: caseSettings },
  updateCaseSettings: { body: { angerEscalateAt: 0.6, escalationShare: 0.1 }, response: caseSettings },
};
