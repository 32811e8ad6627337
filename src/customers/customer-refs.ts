// Customer references in import files (external reference, customer number or id), resolved in batches
// through the customers service and remembered, for every importer whose rows name a customer.
import type { Ctx } from '../platform/context.js';
import { getCustomers, resolveCustomerRefs } from './customers.service.js';

/**
 * Looks customer references (external reference, number or id) up in batches and remembers the
 * answers, so a file with millions of rows for the same customers asks the database once per customer.
 */
export class CustomerRefCache {
  private readonly known = new Map<string, { id: string } | { reason: string }>();
  constructor(private readonly limit = 200_000) {}

  /** Resolves every reference of the batch; afterwards `get` answers for each. */
  async resolve(ctx: Ctx, refs: Iterable<string>): Promise<void> {
    const missing = [...new Set(refs)].filter((r) => !this.known.has(r));
    if (missing.length === 0) return;
    if (this.known.size + missing.length > this.limit) this.known.clear();
    const found = await resolveCustomerRefs(ctx, missing);
    const ids = [...new Set(found.values())];
    const erased = new Set(
      (await getCustomers(ctx, ids)).filter((c) => c.status === 'erased').map((c) => c.id),
    );
    for (const ref of missing) {
      const id = found.get(ref);
      if (!id)
        this.known.set(ref, { reason: 'no customer with this reference (external reference, number or id)' });
      else if (erased.has(id)) this.known.set(ref, { reason: 'the customer was erased' });
      else this.known.set(ref, { id });
    }
  }

  get(ref: string): { id: string } | { reason: string } {
    return this.known.get(ref) ?? { reason: 'not resolved' };
  }
}

/** The customer reference of a row as text (JSON may give a number), or null when absent or too long. */
export function refOf(values: Record<string, unknown>): string | null {
  const v = values.customer_ref;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  return s && s.length <= 200 ? s : null;
}
