// Examples of the purchases routes' request bodies and answers for the OpenAPI document (doc() in
// purchases.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const purchase = {
  id: 'pur_01jnq3z8r4y6w2k5t7v9x1b3d5',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  purchasedAt: '2026-03-02T09:00:00.000Z',
  amountMinor: 189900,
  currency: 'EUR',
  kind: 'sale',
  productCode: 'INSP-KOMFORT',
  quantity: 3,
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  source: 'api',
  createdAt: '2026-03-02T09:00:00.000Z',
};

const customerPurchases = {
  id: 'cus_01jnq3z8r4y6w2k5t7v9x1b3d5',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  purchasedAt: '2026-03-02T09:00:00.000Z',
  amountMinor: 189900,
  currency: 'EUR',
  kind: 'sale',
  productCode: 'INSP-KOMFORT',
  quantity: 3,
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  source: 'api',
  createdAt: '2026-03-02T09:00:00.000Z',
};

const purchases = {
  entity: 'purchases',
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
export const purchasesExamples = {
  recordPurchase: {
    body: {
      externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      purchasedAt: '2026-03-02T09:00:00.000Z',
      amountMinor: 189900,
      currency: 'EUR',
      kind: 'sale',
      productCode: 'INSP-KOMFORT',
      quantity: 1,
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
    response: purchase,
  },
  listPurchases: { response: pageExample(purchase) },
  getPurchase: { response: purchase },
  listCustomerPurchases: { response: pageExample(customerPurchases) },
  importPurchases: { response: purchases },
};
