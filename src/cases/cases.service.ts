// Reading cases: one case with its parts, a customer's cases, a case's audit trail. The other case
// operations live in one file per concept (case-intake, case-points, case-lifecycle, ...).
import { type AuditEntry, listAuditForEntity } from '../platform/audit/audit.service.js';
import type { Ctx } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { getCaseRow, loadCase } from './case-core.js';
import type { Case } from './cases.schema.js';

/** One case with its points, commitments, goodwill and escalations; 404 when unknown. */
export async function getCase(ctx: Ctx, id: string): Promise<Case> {
  return loadCase(ctx, await getCaseRow(ctx, id));
}

/** Throws NOT_FOUND unless the case exists; returns its customer id and status. */
export async function assertCaseExists(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; customerId: string; status: string }> {
  const row = await ctx.db
    .selectFrom('cases')
    .select(['id', 'customer_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Case', id);
  return { id: row.id, customerId: row.customer_id, status: row.status };
}

/** The cases of one customer, newest first (for the customer view). */
export async function listCasesOfCustomer(ctx: Ctx, customerId: string): Promise<Case[]> {
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('received_at', 'desc')
    .execute();
  return Promise.all(rows.map((r) => loadCase(ctx, r)));
}

/** The case's audit trail (every change of the case, its points, commitments and goodwill), newest first. */
export async function listCaseAudit(ctx: Ctx, caseId: string): Promise<AuditEntry[]> {
  await assertCaseExists(ctx, caseId);
  return listAuditForEntity(ctx, 'case', caseId);
}
