// Examples of the privacy routes' request bodies and answers for the OpenAPI document (doc() in
// privacy.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const customerData = {
  customerId: 'cus_01jnq3z8r4y6w2k5t7v9x1b3d5',
  exportedAt: '2026-03-02T09:00:00.000Z',
  data: {
    customers: {
      name: 'Erika Mustermann',
      email: 'erika.mustermann@example.de',
    },
  },
};

/** Per operationId: the example request body and/or 2xx answer. */
export const privacyExamples = {
  exportCustomerData: { response: customerData },
};
