// Examples of the products routes' request bodies and answers for the OpenAPI document (doc() in
// products.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const products = {
  id: 'prd_01jnq3z8r4y6w2k5t7v9x1b3d5',
  code: 'INSP-KOMFORT',
  name: {
    de: 'Werkstattbesuch',
    en: 'Workshop visit',
  },
  kind: 'product',
  currency: 'EUR',
  newCustomerPriceMinor: 189900,
  billingPeriod: 'month',
  active: true,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const newCustomerPrice = {
  priceMinor: 189900,
  currency: 'EUR',
  billingPeriod: 'month',
  validFrom: '2026-01-01T00:00:00.000Z',
  setBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
};

const contract = {
  id: 'ctr_01jnq3z8r4y6w2k5t7v9x1b3d5',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  productId: 'prd_01jnq40c2m8e5f7h9k3n6p4r2t',
  productCode: 'INSP-KOMFORT',
  priceMinor: 189900,
  currency: 'EUR',
  billingPeriod: 'month',
  startedAt: '2026-03-02T08:12:00.000Z',
  renewsAt: '2026-03-02T09:00:00.000Z',
  cancelledAt: null,
  cancelReason: 'Kunde zieht ins Ausland',
  endsAt: '2026-03-02T09:00:00.000Z',
  status: 'active',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const customerContracts = {
  id: 'cus_01jnq3z8r4y6w2k5t7v9x1b3d5',
  externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  productId: 'prd_01jnq40c2m8e5f7h9k3n6p4r2t',
  productCode: 'INSP-KOMFORT',
  priceMinor: 189900,
  currency: 'EUR',
  billingPeriod: 'month',
  startedAt: '2026-03-02T08:12:00.000Z',
  renewsAt: '2026-03-02T09:00:00.000Z',
  cancelledAt: null,
  cancelReason: 'Kunde zieht ins Ausland',
  endsAt: '2026-03-02T09:00:00.000Z',
  status: 'active',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

const contracts = {
  entity: 'contracts',
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
export const productsExamples = {
  listProducts: { response: pageExample(products) },
  createProduct: {
    body: {
      code: 'INSP-KOMFORT',
      name: { de: 'Werkstattbesuch', en: 'Workshop visit' },
      kind: 'product',
      currency: 'EUR',
      newCustomerPriceMinor: 189900,
      billingPeriod: 'month',
      active: true,
    },
    response: products,
  },
  getProduct: { response: products },
  updateProduct: {
    body: { name: { de: 'Werkstattbesuch', en: 'Workshop visit' }, kind: 'product', active: true },
    response: products,
  },
  setNewCustomerPrice: { body: { priceMinor: 189900, billingPeriod: 'month' }, response: products },
  getNewCustomerPrice: { response: newCustomerPrice },
  listNewCustomerPrices: { response: { items: [newCustomerPrice] } },
  createContract: {
    body: {
      externalId: 'external_01jnq40c2m8e5f7h9k3n6p4r2t',
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      productId: 'prd_01jnq40c2m8e5f7h9k3n6p4r2t',
      productCode: 'INSP-KOMFORT',
      priceMinor: 189900,
      currency: 'EUR',
      billingPeriod: 'month',
      startedAt: '2026-03-02T08:12:00.000Z',
      renewsAt: '2026-03-02T09:00:00.000Z',
    },
    response: contract,
  },
  listContracts: { response: pageExample(contract) },
  getContract: { response: contract },
  updateContract: {
    body: {
      priceMinor: 189900,
      billingPeriod: 'month',
      startedAt: '2026-03-02T08:12:00.000Z',
      renewsAt: '2026-03-02T09:00:00.000Z',
    },
    response: contract,
  },
  cancelContract: {
    body: {
      reason: 'Kunde zieht ins Ausland',
      at: '2026-03-02T09:00:00.000Z',
      endsAt: '2026-03-02T09:00:00.000Z',
    },
    response: contract,
  },
  listCustomerContracts: { response: { items: [customerContracts] } },
  importContracts: { response: contracts },
};
