// What every case needs before it is resolved, its letter sent or it is closed (the resolution gate,
// src/cases/case-gate.ts): tests that only need a case past that point give it these parts here.
import { expect } from 'vitest';
import type { Role } from '../../src/platform/context.js';
import type { TestApp } from './test-app.js';

/** An apology, a root cause (category and analysis) and a preventive action, as PATCH /cases/:id takes them. */
export const EXPLANATION = {
  apology: 'Es tut uns leid, dass wir Sie enttäuscht haben.',
  rootCauseCode: 'process',
  rootCauseAnalysis: 'Die Übergabe-Checkliste wurde nicht benutzt.',
  preventiveAction: 'Die Checkliste wird jetzt bei jeder Übergabe gegengezeichnet.',
};

/**
 * Answers every point of the case that has no answer yet and gives the case its apology, root cause
 * and preventive action, as `as` through the API (each call expected to succeed).
 */
export async function makeResolvable(t: TestApp, caseId: string, as: Role = 'agent'): Promise<void> {
  const k = await t.request(as, 'GET', `/api/v1/cases/${caseId}`);
  expect(k.status).toBe(200);
  for (const p of k.body.points as Array<{ id: string; answer: string | null }>) {
    if (p.answer) continue;
    const answered = await t.request(as, 'PATCH', `/api/v1/cases/${caseId}/points/${p.id}`, {
      answer: 'Erledigt.',
      outcome: 'resolved',
    });
    expect(answered.status).toBe(200);
  }
  const explained = await t.request(as, 'PATCH', `/api/v1/cases/${caseId}`, EXPLANATION);
  expect(explained.status).toBe(200);
}
