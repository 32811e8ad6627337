// What the case domain keeps about a customer, for the GDPR export and erasure registry.
import type { Ctx } from '../platform/context.js';
import { loadCase, toCommitment, toEscalation, toGoodwill, toPoint } from './case-core.js';

/** Everything the case domain stores about a customer (GDPR export). */
export async function exportCustomerCases(ctx: Ctx, customerId: string) {
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('received_at')
    .execute();
  const cases = await Promise.all(rows.map((r) => loadCase(ctx, r)));
  const retired = await ctx.db
    .selectFrom('case_points')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'active')
    .execute();
  const commitments = await ctx.db
    .selectFrom('case_commitments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const goodwill = await ctx.db
    .selectFrom('case_goodwill')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const escalations = await ctx.db
    .selectFrom('case_escalations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  return {
    cases,
    retiredPoints: retired.map(toPoint),
    commitments: commitments.map(toCommitment),
    goodwill: goodwill.map(toGoodwill),
    escalations: escalations.map(toEscalation),
  };
}

/** Blanks every customer-written text (complaint, points, remedy, anger signals); keeps dates, codes, amounts. */
export async function eraseCustomerCases(ctx: Ctx, customerId: string): Promise<void> {
  const erased = '[erased]';
  await ctx.db
    .updateTable('cases')
    .set({ description: erased, subject: null, requested_remedy: null, anger_signals: '[]' })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_points')
    .set({ text: erased })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_commitments')
    .set({ description: erased, note: null })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_goodwill')
    // Endorsement notes are staff text about the customer's case: gone with the decline reason.
    .set({ description: erased, decision_note: null, endorsements: null })
    .where('customer_id', '=', customerId)
    .execute();
}
