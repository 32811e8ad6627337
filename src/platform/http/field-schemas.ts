// The field schemas every domain's API contract shares: an instant, a currency, a page query and
// a period whose order is checked on instants (never on the ISO strings, whose offsets may differ).
import { z } from 'zod';
import { isCurrency } from '../money/money.js';

/**
 * An instant in ISO-8601 with `Z` or an offset ("2026-03-02T10:00:00+02:00"), normalised to UTC
 * ("2026-03-02T08:00:00.000Z") so stored times and SQL comparisons stay on one spelling.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  // Zod runs the overwrite even after the format check failed; leave such a value as it is.
  .overwrite((v) => {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? v : new Date(ms).toISOString();
  })
  .describe('ISO-8601 instant with Z or an offset; answered in UTC');

/** An ISO 4217 currency code Intl knows ("EUR", "JPY", "KWD"). */
export const currency = z.string().refine(isCurrency, 'not an ISO 4217 currency code');

/** ?limit= (default 50, max 500) and ?cursor=; spread into a query object. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

/** Whether instant `a` is strictly before instant `b` (ISO strings with any offset, or Dates). */
export function isBefore(a: string | Date, b: string | Date): boolean {
  return new Date(a).getTime() < new Date(b).getTime();
}

/**
 * Refuses a period whose `to` is not after its `from` (compared as instants), with a field error
 * on `to`; a period missing either end passes. Use on any object schema with `from`/`to`:
 * `z.object({ from: isoDateTime, to: isoDateTime }).superRefine(fromBeforeTo)`.
 */
export function fromBeforeTo(
  period: { from?: string | null; to?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (period.from && period.to && !isBefore(period.from, period.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
}
