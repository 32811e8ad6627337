// Whether customers bought within a time window of their own (each customer another window): one
// query per few hundred customers, for reports such as the surveys' repurchase matrix.
import { sql } from 'kysely';
import type { Ctx } from '../platform/context.js';

export type PurchaseWindow = { customerId: string; after: string; until: string };

/** Windows per query: three parameters each, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 300;

/**
 * The customers with at least one purchase after `after` and at most `until` (ISO instants) of
 * their window; a customer named twice counts when any of their windows holds a purchase.
 */
export async function customersWhoBoughtWithin(ctx: Ctx, windows: PurchaseWindow[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < windows.length; i += CHUNK) {
    const rows = sql.join(
      windows.slice(i, i + CHUNK).map((w) => sql`(${w.customerId}, ${w.after}, ${w.until})`),
    );
    const found = await sql<{ customer_id: string }>`
      with w (customer_id, after_at, until_at) as (values ${rows})
      select distinct p.customer_id
      from purchases p
      join w on w.customer_id = p.customer_id
      where p.purchased_at > w.after_at and p.purchased_at <= w.until_at`.execute(ctx.db);
    for (const r of found.rows) out.add(r.customer_id);
  }
  return out;
}
