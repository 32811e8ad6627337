// The customer's objection to survey e-mails (§7(3) UWG: free, at any time, from every mail).
import { type Ctx, inTransaction } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { findSurveyByToken } from './survey-tokens.service.js';
import * as ports from './surveys.ports.js';

/**
 * Records the customer's objection to survey e-mails (consent history: basis 'objection',
 * status 'withdrawn'); every later survey is skipped from then on. Works on any known link,
 * answered or expired; unknown links are TOKEN_INVALID.
 */
export async function objectToSurveys(ctx: Ctx, token: string, source: string): Promise<void> {
  const survey = await findSurveyByToken(ctx, token);
  if (!survey) throw new AppError('TOKEN_INVALID');
  await inTransaction(ctx, async (tx) => {
    const current = await ports.getContactPermission(tx, survey.customerId, 'email', 'surveys');
    if (current.basis === 'objection' && !current.allowed) return;
    await ports.recordConsent(tx, survey.customerId, {
      channel: 'email',
      purpose: 'surveys',
      basis: 'objection',
      status: 'withdrawn',
      source,
    });
  });
}
