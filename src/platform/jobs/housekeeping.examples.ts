// Examples of the housekeeping routes' request bodies and answers for the OpenAPI document (doc() in
// housekeeping.module.ts); src/platform/http/openapi.test.ts checks each against its schema.
const housekeepingSettings = {
  mailBodyRetentionDays: 30,
  doneJobRetentionDays: 30,
};

/** Per operationId: the example request body and/or 2xx answer. */
export const housekeepingExamples = {
  getHousekeepingSettings: { response: housekeepingSettings },
  updateHousekeepingSettings: {
    body: { mailBodyRetentionDays: 30, doneJobRetentionDays: 30 },
    response: housekeepingSettings,
  },
};
