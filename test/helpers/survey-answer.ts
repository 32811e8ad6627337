// Answering a survey as the customer does: through the link in the mail that reached the test SMTP server.
import { expect } from 'vitest';
import type { TestSmtp } from './smtp.js';
import type { TestApp } from './test-app.js';

/**
 * Runs the due jobs (mail delivery), waits for the first mail to `email`, opens its /s/<token> page for
 * the form nonce, posts `fields` (e.g. `{ score: '3' }` or `{ reason: 'price' }`), expects 200, and runs
 * the jobs the answer queued.
 */
export async function answerSurveyByMail(
  t: TestApp,
  smtp: TestSmtp,
  email: string,
  fields: Record<string, string>,
): Promise<void> {
  await t.drainJobs();
  let mail: string | undefined;
  for (let i = 0; i < 200 && !mail; i++) {
    mail = smtp.messages.find((m) => (m.to as any)?.text === email)?.text;
    if (!mail) await new Promise((r) => setTimeout(r, 20));
  }
  const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(mail ?? '')![1];
  const page = await t.request(null, 'GET', `/s/${token}`);
  const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)![1];
  const answered = await t.request(
    null,
    'POST',
    `/s/${token}`,
    new URLSearchParams({ nonce, ...fields }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  expect(answered.status).toBe(200);
  await t.drainJobs();
}
