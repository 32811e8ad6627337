// Examples of the tasks routes' request bodies and answers for the OpenAPI document (doc() in
// tasks.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
import { pageExample } from '../platform/http/api-doc.js';

const tasks = {
  id: 'tsk_01jnq3z8r4y6w2k5t7v9x1b3d5',
  customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
  assigneeId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  title: 'Rückruf wegen Reparatur',
  titleKey: null,
  description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  dueAt: '2026-03-05T16:00:00.000Z',
  priority: 'low',
  status: 'open',
  source: 'manual',
  sourceRef: 'case_01jnq3z8r4y6w2k5t7v9x1b3d5',
  dedupeKey: 'churn.risk:cus_01jnq40c2m8e5f7h9k3n6p4r2t',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  completedAt: null,
  completedBy: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  outcome: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
  overdue: false,
};

/** Per operationId: the example request body and/or 2xx answer. */
export const tasksExamples = {
  listTasks: { response: pageExample(tasks) },
  createTask: {
    body: {
      customerId: 'cus_01jnq40c2m8e5f7h9k3n6p4r2t',
      caseId: 'case_01jnq40c2m8e5f7h9k3n6p4r2t',
      assigneeId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      title: 'Rückruf wegen Reparatur',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
      dueAt: '2026-03-05T16:00:00.000Z',
      priority: 'normal',
    },
    response: tasks,
  },
  getTask: { response: tasks },
  updateTask: {
    body: {
      assigneeId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      dueAt: '2026-03-05T16:00:00.000Z',
      priority: 'low',
      status: 'open',
      title: 'Rückruf wegen Reparatur',
      description: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.',
    },
    response: tasks,
  },
  completeTask: {
    body: { outcome: 'Die Reparatur hat zwei Wochen länger gedauert als zugesagt.' },
    response: tasks,
  },
};
