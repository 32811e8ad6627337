// Examples of the company-settings routes' request bodies and answers for the OpenAPI document (doc() in
// company-settings.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const companySettings = {
  timeZone: 'Europe/Berlin',
};

/** Per operationId: the example request body and/or 2xx answer. */
export const companySettingsExamples = {
  getCompanySettings: { response: companySettings },
  updateCompanySettings: { body: { timeZone: 'Europe/Berlin' }, response: companySettings },
};
