// Examples of the root-causes routes' request bodies and answers for the OpenAPI document (doc() in
// root-causes.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const rootCauses = {
  code: 'delivery_delay',
  name: {
    de: 'Werkstattbesuch',
    en: 'Workshop visit',
  },
  active: true,
  sortOrder: 3,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const rootCausePareto = {
  from: '2026-03-02T09:00:00.000Z',
  to: '2026-03-02T09:00:00.000Z',
  total: 12,
  unassigned: 3,
  lostCustomers: 12,
  rule: {
    periods: 3,
    minCases: 12,
  },
  items: [
    {
      code: 'delivery_delay',
      name: {
        de: 'Werkstattbesuch',
        en: 'Workshop visit',
      },
      count: 12,
      share: 0.42,
      cumulativeShare: 0.42,
      previousCount: 12,
      recurring: false,
      rising: false,
      openActions: 3,
      lostCustomers: 12,
    },
  ],
};

const rootCauseActions = {
  id: 'id_01jnq3z8r4y6w2k5t7v9x1b3d5',
  categoryCode: 'delivery_delay',
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  dueAt: '2026-03-05T16:00:00.000Z',
  status: 'open',
  createdBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  completedAt: null,
};

const rootCauseRecurrenceRule = {
  periods: 3,
  minCases: 12,
};

/** Per operationId: the example request body and/or 2xx answer. */
export const rootCausesExamples = {
  listRootCauses: { response: { items: [rootCauses] } },
  createRootCause: {
    body: {
      code: 'delivery_delay',
      name: { de: 'Werkstattbesuch', en: 'Workshop visit' },
      active: true,
      sortOrder: 100,
    },
    response: rootCauses,
  },
  updateRootCause: {
    body: { name: { de: 'Werkstattbesuch', en: 'Workshop visit' }, active: true, sortOrder: 3 },
    response: rootCauses,
  },
  getRootCausePareto: { response: rootCausePareto },
  listRootCauseActions: { response: { items: [rootCauseActions] } },
  createRootCauseAction: {
    body: {
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      dueAt: '2026-03-05T16:00:00.000Z',
      status: 'open',
    },
    response: rootCauseActions,
  },
  updateRootCauseAction: {
    body: {
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      dueAt: '2026-03-05T16:00:00.000Z',
      status: 'open',
    },
    response: rootCauseActions,
  },
  getRootCauseRecurrenceRule: { response: rootCauseRecurrenceRule },
  updateRootCauseRecurrenceRule: { body: { periods: 3, minCases: 12 }, response: rootCauseRecurrenceRule },
};
