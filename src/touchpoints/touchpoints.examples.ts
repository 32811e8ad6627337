// Examples of the touchpoints routes' request bodies and answers for the OpenAPI document (doc() in
// touchpoints.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const touchpoints = {
  id: 'tp_01jnq3z8r4y6w2k5t7v9x1b3d5',
  code: 'workshop_visit',
  name: {
    de: 'Werkstattbesuch',
    en: 'Workshop visit',
  },
  phase: 'sale',
  active: true,
  sortOrder: 3,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const interaction = {
  id: 'int_01jnq3z8r4y6w2k5t7v9x1b3d5',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  touchpointId: 'cpt_01jnq40c2m8e5f7h9k3n6p4r2t',
  touchpointCode: 'workshop_visit',
  phase: 'sale',
  at: '2026-03-02T09:00:00.000Z',
  staffUserId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  channel: 'in_person',
  note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  createdAt: '2026-03-02T09:00:00.000Z',
};

const customerInteractions = {
  id: 'cus_01jnq3z8r4y6w2k5t7v9x1b3d5',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  touchpointId: 'cpt_01jnq40c2m8e5f7h9k3n6p4r2t',
  touchpointCode: 'workshop_visit',
  phase: 'sale',
  at: '2026-03-02T09:00:00.000Z',
  staffUserId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  channel: 'in_person',
  note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  createdAt: '2026-03-02T09:00:00.000Z',
};

/** Per operationId: the example request body and/or 2xx answer. */
export const touchpointsExamples = {
  listTouchpoints: { response: { items: [touchpoints] } },
  createTouchpoint: {
    body: {
      code: 'workshop_visit',
      name: { de: 'Werkstattbesuch', en: 'Workshop visit' },
      phase: 'sale',
      active: true,
      sortOrder: 100,
    },
    response: touchpoints,
  },
  getTouchpoint: { response: touchpoints },
  updateTouchpoint: {
    body: {
      name: { de: 'Werkstattbesuch', en: 'Workshop visit' },
      phase: 'sale',
      active: true,
      sortOrder: 3,
    },
    response: touchpoints,
  },
  recordInteraction: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      touchpoint: 'workshop_visit',
      at: '2026-03-02T09:00:00.000Z',
      staffUserId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      channel: 'in_person',
      note: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
    },
    response: interaction,
  },
  listInteractions: { response: pageExample(interaction) },
  listCustomerInteractions: { response: pageExample(customerInteractions) },
};
