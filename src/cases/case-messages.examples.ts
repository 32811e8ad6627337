// Examples of the case-messages routes' request bodies and answers for the OpenAPI document (doc() in
// case-messages.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const cases = {
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  reference: 'R-2026-0042',
  status: 'open',
  subject: 'Reparatur verspätet',
  receivedAt: '2026-03-02T08:12:00.000Z',
  matchedIn: 'complaint',
  snippet: '… die Reparatur hat zwei Wochen länger gedauert …',
};

const caseMessages = {
  id: 'msg_01jnq3z8r4y6w2k5t7v9x1b3d5',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  direction: 'in',
  channel: 'email',
  author: {
    type: 'staff',
    userId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    name: 'Anna Agent',
  },
  body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  mailed: false,
  at: '2026-03-02T09:00:00.000Z',
  recordedAt: '2026-03-02T09:00:00.000Z',
  attachments: [
    {
      id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
      messageId: 'msg_01jnq40c2m8e5f7h9k3n6p4r2t',
      filename: 'rechnung-4711.pdf',
      contentType: 'application/pdf',
      sizeBytes: 3,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      createdAt: '2026-03-02T09:00:00.000Z',
    },
  ],
};

const caseAttachment = {
  id: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  messageId: 'msg_01jnq40c2m8e5f7h9k3n6p4r2t',
  filename: 'rechnung-4711.pdf',
  contentType: 'application/pdf',
  sizeBytes: 3,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  createdAt: '2026-03-02T09:00:00.000Z',
};

/** Per operationId: the example request body and/or 2xx answer. */
export const caseMessagesExamples = {
  searchCases: { response: { items: [cases] } },
  listCaseMessages: { response: pageExample(caseMessages) },
  addCaseMessage: {
    body: {
      direction: 'in',
      body: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      channel: 'email',
      at: '2026-03-02T09:00:00.000Z',
    },
    response: caseMessages,
  },
  addCaseAttachment: {
    body: { filename: 'rechnung-4711.pdf', contentType: 'application/pdf', dataBase64: 'x' },
    response: caseAttachment,
  },
};
