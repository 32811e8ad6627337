// Examples of the customers routes' request bodies and answers for the OpenAPI document (doc() in
// customers.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const customers = {
  id: 'cus_01jnq3z8r4y6w2k5t7v9x1b3d5',
  number: 'K-10042',
  externalRef: 'ERP-778812',
  name: 'Erika Mustermann',
  email: 'erika.mustermann@example.de',
  phone: '+49 30 1234567',
  locale: 'de',
  customerSince: '2014-04-01T00:00:00.000Z',
  tenureYears: 11.9,
  ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  tags: ['stammkunde'],
  tier: 'gold',
  tierPinned: false,
  revenue12mMinor: 189900,
  status: 'active',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const customerConsents = {
  id: 'con_01jnq3z8r4y6w2k5t7v9x1b3d5',
  channel: 'email',
  purpose: 'surveys',
  basis: 'opt_in',
  status: 'given',
  at: '2026-03-02T09:00:00.000Z',
  source: 'Werkstattauftrag',
  recordedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
};

const customerAudit = {
  id: 'aud_01jnq3z8r4y6w2k5t7v9x1b3d5',
  at: '2026-03-02T09:00:00.000Z',
  actor: {
    id: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    name: 'Anna Agent',
  },
  entityType: 'customer',
  entityId: 'entity_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  action: 'update',
  label: 'Rückruf wegen Reparatur',
  changes: {
    email: { before: 'erika@alt.example.de', after: 'erika.mustermann@example.de' },
  },
};

const tierRules = {
  rules: [
    {
      tier: 'gold',
      minTenureYears: 7,
      minRevenue12mMinor: 189900,
    },
  ],
};

const customers2 = {
  entity: 'customers',
  format: 'csv',
  skipInvalid: false,
  imported: false,
  rowsRead: 3,
  created: 3,
  alreadyPresent: 12,
  rejected: 3,
  rejectedRows: [
    {
      line: 3,
      field: 'email',
      reason: 'Kunde zieht ins Ausland',
    },
  ],
  rejectedRowsTruncated: false,
};

/** Per operationId: the example request body and/or 2xx answer. */
export const customersExamples = {
  listCustomers: { response: pageExample(customers) },
  createCustomer: {
    body: {
      externalRef: 'ERP-778812',
      number: 'K-10042',
      name: 'Erika Mustermann',
      email: 'erika.mustermann@example.de',
      phone: '+49 30 1234567',
      locale: 'de',
      customerSince: '2014-04-01T00:00:00.000Z',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      tags: ['stammkunde'],
      status: 'active',
    },
    response: customers,
  },
  getCustomer: { response: customers },
  updateCustomer: {
    body: {
      externalRef: 'ERP-778812',
      name: 'Erika Mustermann',
      email: 'erika.mustermann@example.de',
      phone: '+49 30 1234567',
      locale: 'de',
      customerSince: '2014-04-01T00:00:00.000Z',
      ownerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      tags: ['stammkunde'],
      status: 'active',
    },
    response: customers,
  },
  pinCustomerTier: { body: { tier: 'gold', reason: 'Kunde zieht ins Ausland' }, response: customers },
  listCustomerConsents: { response: { items: [customerConsents] } },
  recordCustomerConsent: {
    body: {
      channel: 'email',
      purpose: 'surveys',
      basis: 'opt_in',
      status: 'given',
      at: '2026-03-02T09:00:00.000Z',
      source: 'email',
    },
    response: customerConsents,
  },
  listCustomerAudit: { response: { items: [customerAudit] } },
  getTierRules: { response: tierRules },
  updateTierRules: {
    body: { rules: [{ tier: 'gold', minTenureYears: 7, minRevenue12mMinor: 189900 }] },
    response: tierRules,
  },
  importCustomers: { response: customers2 },
};
