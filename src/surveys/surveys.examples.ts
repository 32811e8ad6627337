// Examples of the surveys routes' request bodies and answers for the OpenAPI document (doc() in
// surveys.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const surveyDefinitions = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  code: 'after_sales',
  scale: 'csat',
  trigger: 'purchase',
  touchpointCode: 'workshop_visit',
  questionDe: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
  questionEn: 'How likely are you to recommend us to a friend?',
  commentDe: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  commentEn: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  reasons: [
    {
      code: 'after_sales',
      de: 'Werkstattbesuch',
      en: 'Workshop visit',
    },
  ],
  delayDays: 30,
  precedence: false,
  active: true,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const survey = {
  queued: true,
  runAt: '2026-03-05T16:00:00.000Z',
};

const surveyInvitations = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  definitionCode: 'after_sales',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  status: 'sent',
  skipReason: 'Kunde zieht ins Ausland',
  consentBasis: 'opt_in',
  touchpointCode: 'workshop_visit',
  agentId: 'agent_01jnq40c2m8e5f7h9k3n6p4r2t',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  locale: 'de',
  createdAt: '2026-03-02T09:00:00.000Z',
  sentAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-05T16:00:00.000Z',
  reminderSentAt: '2026-03-02T09:00:00.000Z',
  answeredAt: '2026-03-01T18:40:00.000Z',
};

const surveyAnswers = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  invitationId: 'sinv_01jnq40c2m8e5f7h9k3n6p4r2t',
  definitionCode: 'after_sales',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  scale: 'csat',
  score: 8,
  reasonCode: 'price',
  comment: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  praise: false,
  touchpointCode: 'workshop_visit',
  agentId: 'agent_01jnq40c2m8e5f7h9k3n6p4r2t',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  answeredAt: '2026-03-01T18:40:00.000Z',
};

const surveyPraise = {
  answerId: 'sans_01jnq40c2m8e5f7h9k3n6p4r2t',
  answeredAt: '2026-03-01T18:40:00.000Z',
  agentId: 'agent_01jnq40c2m8e5f7h9k3n6p4r2t',
  agentName: 'Anna Agent',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  scale: 'csat',
  score: 8,
  comment: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  touchpointCode: 'workshop_visit',
};

const surveySettings = {
  minDaysBetweenSurveys: 30,
  reminderAfterDays: 30,
  tokenValidDays: 30,
  followUpHours: 24,
  relationshipEveryMonths: 3,
  repurchaseMonths: 3,
  saleAndAfterSalesShareLimit: false,
};

const surveyMetrics = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  groupBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  overall: {
    key: 'churn.run:2026-03-02',
    sent: 12,
    answered: 3,
    responseRate: 0.42,
    nps: {
      value: 3,
      n: 12,
      promoters: 3,
      passives: 3,
      detractors: 3,
    },
    csat: {
      value: 3,
      n: 12,
      satisfied: 3,
    },
    ces: {
      value: 3,
      n: 12,
    },
    comments: [
      {
        answeredAt: '2026-03-01T18:40:00.000Z',
        scale: 'csat',
        score: 8,
        comment: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      },
    ],
  },
  groups: [
    {
      key: 'churn.run:2026-03-02',
      sent: 12,
      answered: 3,
      responseRate: 0.42,
      nps: {
        value: 3,
        n: 12,
        promoters: 3,
        passives: 3,
        detractors: 3,
      },
      csat: {
        value: 3,
        n: 12,
        satisfied: 3,
      },
      ces: {
        value: 3,
        n: 12,
      },
      comments: [
        {
          answeredAt: '2026-03-01T18:40:00.000Z',
          scale: 'csat',
          score: 8,
          comment: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
        },
      ],
    },
  ],
};

const repurchaseMatrix = {
  months: 3,
  cells: [
    {
      saleSatisfied: false,
      afterSalesSatisfied: false,
      n: 12,
      repurchased: 3,
      rate: 0.42,
      openWindow: 3,
    },
  ],
};

/** Per operationId: the example request body and/or 2xx answer. */
const surveyAnswerImport = {
  entity: 'survey-answers',
  format: 'csv',
  skipInvalid: true,
  imported: true,
  rowsRead: 1250,
  created: 1180,
  alreadyPresent: 68,
  rejected: 2,
  rejectedRows: [
    { line: 14, field: 'score', reason: 'must be at most 5' },
    {
      line: 903,
      field: 'customer_ref',
      reason: 'no customer with this reference (external reference, number or id)',
    },
  ],
  rejectedRowsTruncated: false,
};

export const surveysExamples = {
  importSurveyAnswers: { response: surveyAnswerImport },
  listSurveyDefinitions: { response: { items: [surveyDefinitions] } },
  createSurveyDefinition: {
    body: {
      code: 'after_sales',
      scale: 'csat',
      trigger: 'purchase',
      touchpointCode: 'workshop_visit',
      questionDe: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
      questionEn: 'How likely are you to recommend us to a friend?',
      commentDe: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      commentEn: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      reasons: [{ code: 'price', de: 'Zu teuer', en: 'Too expensive' }],
      delayDays: 0,
      precedence: false,
      active: true,
    },
    response: surveyDefinitions,
  },
  getSurveyDefinition: { response: surveyDefinitions },
  updateSurveyDefinition: {
    body: {
      touchpointCode: 'workshop_visit',
      questionDe: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
      questionEn: 'How likely are you to recommend us to a friend?',
      commentDe: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      commentEn: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      reasons: [{ code: 'price', de: 'Zu teuer', en: 'Too expensive' }],
      delayDays: 30,
      precedence: false,
      active: true,
    },
    response: surveyDefinitions,
  },
  requestSurvey: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      definitionCode: 'after_sales',
      triggerRef: 'pur_01jnq40c2m8e5f7h9k3n6p4r2t',
      touchpointCode: 'workshop_visit',
      agentId: 'agent_01jnq40c2m8e5f7h9k3n6p4r2t',
      caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
    },
    response: survey,
  },
  listSurveyInvitations: { response: pageExample(surveyInvitations) },
  listSurveyAnswers: { response: pageExample(surveyAnswers) },
  listSurveyPraise: { response: pageExample(surveyPraise) },
  getSurveySettings: { response: surveySettings },
  updateSurveySettings: {
    body: {
      minDaysBetweenSurveys: 30,
      reminderAfterDays: 30,
      tokenValidDays: 30,
      followUpHours: 24,
      relationshipEveryMonths: 3,
      repurchaseMonths: 3,
      saleAndAfterSalesShareLimit: false,
    },
    response: surveySettings,
  },
  getSurveyMetrics: { response: surveyMetrics },
  getRepurchaseMatrix: { response: repurchaseMatrix },
};
