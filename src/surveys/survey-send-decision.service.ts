// Whether a survey may be sent, decided when the send job runs, in the order docs/surveys.md gives:
// definition and customer active, an e-mail address, a consent basis for e-mail surveys (§7 UWG),
// and the frequency limit (definitions with precedence are exempt from that one only; the sale and
// the after-sales survey do not block each other unless the company says so).
import type { Ctx } from '../platform/context.js';
import type { DefinitionRow } from './survey-rows.js';
import * as ports from './surveys.ports.js';

const DAY = 86_400_000;

export type SkipReason =
  | 'no_consent'
  | 'objected'
  | 'existing_customer_without_purchase'
  | 'no_email'
  | 'too_often'
  | 'customer_inactive'
  | 'definition_inactive';

export type SendDecision = { send: true; consentBasis: string | null } | { send: false; reason: SkipReason };

const skip = (reason: SkipReason): SendDecision => ({ send: false, reason });

/** Sends only with consent and outside the frequency limit; otherwise names the first reason not to. */
export async function decideSend(
  ctx: Ctx,
  def: DefinitionRow,
  customer: ports.Customer,
  options: { minDaysBetweenSurveys: number; saleAndAfterSalesShareLimit?: boolean; now: Date },
): Promise<SendDecision> {
  if (def.active !== 1) return skip('definition_inactive');
  if (customer.status === 'erased' || customer.status === 'prospect') return skip('customer_inactive');
  if (!customer.email) return skip('no_email');
  const permission = await ports.getContactPermission(ctx, customer.id, 'email', 'surveys');
  if (!permission.allowed) return skip(permission.basis === 'objection' ? 'objected' : 'no_consent');
  // §7(3) UWG: the existing-customer exception needs an address given with a purchase.
  if (
    permission.basis === 'existing_customer' &&
    !(await ports.lastPurchaseAt(ctx, [customer.id])).has(customer.id)
  ) {
    return skip('existing_customer_without_purchase');
  }
  if (def.precedence !== 1 && (await surveyedWithin(ctx, def, customer.id, options)))
    return skip('too_often');
  return { send: true, consentBasis: permission.basis };
}

/** The two survey triggers of one purchase story: the sale, and the after-sales visits that follow it. */
const SALE_STORY: Record<string, string> = {
  purchase: 'after_sales_interaction',
  after_sales_interaction: 'purchase',
};

/**
 * Whether a survey was sent to the customer within the frequency period (0 days: no limit). The
 * sale survey and the after-sales survey ask about different moments of the same purchase; unless
 * the company's setting `saleAndAfterSalesShareLimit` is on, one does not hold back the other.
 */
async function surveyedWithin(
  ctx: Ctx,
  def: DefinitionRow,
  customerId: string,
  options: { minDaysBetweenSurveys: number; saleAndAfterSalesShareLimit?: boolean; now: Date },
): Promise<boolean> {
  const { minDaysBetweenSurveys, now } = options;
  if (minDaysBetweenSurveys <= 0) return false;
  const since = new Date(now.getTime() - minDaysBetweenSurveys * DAY).toISOString();
  let q = ctx.db
    .selectFrom('survey_invitations')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('sent_at', 'is not', null)
    .where('sent_at', '>', since);
  const partner = SALE_STORY[def.trigger];
  if (partner && !options.saleAndAfterSalesShareLimit)
    q = q.where('definition_id', 'not in', (eb) =>
      eb.selectFrom('survey_definitions').select('id').where('trigger', '=', partner),
    );
  return (await q.executeTakeFirst()) !== undefined;
}
