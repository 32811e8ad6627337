// Read-only signals of the cases domain for other domains (the churn early warning): how many
// complaint cases each customer has open, and how severe the worst of them is.
import type { Ctx } from '../platform/context.js';

export type CaseSeverity = 'low' | 'medium' | 'high' | 'critical';

/** Severities from mild to grave; a case counts when its severity is at least the asked one. */
export const CASE_SEVERITIES: readonly CaseSeverity[] = ['low', 'medium', 'high', 'critical'];

/** The statuses in which a complaint is still open (not resolved, not closed). */
export const OPEN_CASE_STATUSES = ['new', 'open', 'waiting_customer', 'reopened'] as const;

export type OpenCaseSignal = {
  /** Open cases of at least the asked severity. */
  open: number;
  worstSeverity: CaseSeverity;
  /** When the oldest of them was received (ISO). */
  oldestReceivedAt: string;
};

/**
 * Per customer with at least one open case of severity `minSeverity` or graver: the count, the worst
 * severity and the oldest receipt; one query over all customers. Customers without such a case are absent.
 */
export async function openCasesByCustomer(
  ctx: Ctx,
  options: { minSeverity?: CaseSeverity } = {},
): Promise<Map<string, OpenCaseSignal>> {
  const from = CASE_SEVERITIES.indexOf(options.minSeverity ?? 'low');
  if (from < 0) throw new Error(`unknown severity ${options.minSeverity}`);
  const severities = CASE_SEVERITIES.slice(from);
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['customer_id', 'severity', 'received_at'])
    .where('status', 'in', [...OPEN_CASE_STATUSES])
    .where('severity', 'in', [...severities])
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, OpenCaseSignal>();
  for (const r of rows) {
    const severity = r.severity as CaseSeverity;
    const s = out.get(r.customer_id);
    if (!s) {
      out.set(r.customer_id, { open: 1, worstSeverity: severity, oldestReceivedAt: r.received_at });
      continue;
    }
    s.open++;
    if (CASE_SEVERITIES.indexOf(severity) > CASE_SEVERITIES.indexOf(s.worstSeverity))
      s.worstSeverity = severity;
  }
  return out;
}
