// What the case domain keeps about a customer, for the GDPR export and erasure registry.
import { sql } from 'kysely';
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

/** The neutral marker that replaces a text about an erased customer. */
export const ERASED = '[erased]';

/** A text that was written (not null) becomes the neutral marker; an empty one stays empty. */
const marker = (column: string) =>
  sql<string | null>`case when ${sql.ref(column)} is null then null else ${ERASED} end`;

/**
 * Replaces every text about the customer with the neutral marker: what the customer wrote
 * (complaint, points, remedy, anger signals) and what staff wrote about them (apology, root-cause
 * analysis, preventive action, point answers, commitment and goodwill texts); keeps dates, codes,
 * amounts and outcomes for the figures.
 */
export async function eraseCustomerCases(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('cases')
    .set({
      description: ERASED,
      subject: null,
      requested_remedy: null,
      anger_signals: '[]',
      apology: marker('apology'),
      root_cause_analysis: marker('root_cause_analysis'),
      preventive_action: marker('preventive_action'),
    })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_points')
    .set({ text: ERASED, answer: marker('answer') })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_commitments')
    .set({ description: ERASED, note: marker('note') })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.db
    .updateTable('case_goodwill')
    // Endorsement notes are staff text about the customer's case: gone with the decline reason.
    .set({ description: ERASED, decision_note: marker('decision_note'), endorsements: null })
    .where('customer_id', '=', customerId)
    .execute();
}
