// Writing a change of an existing case: the SLA columns recomputed, the owner loads kept in step
// and the change audited, in the caller's transaction. Every change after intake goes through here.
import { diff } from '../platform/audit/audit.service.js';
import { type Ctx, nowIso } from '../platform/context.js';
import {
  adjustOwnerLoad,
  assertStatus,
  auditCase,
  type CaseRow,
  getCaseRow,
  QUEUE_STATES,
  slaColumns,
} from './case-core.js';
import { type CaseSettings, getCaseSettings } from './case-settings.js';

/** States from which staff may still work on the points. */
export const WORKING_STATES = ['new', 'open', 'waiting_customer', 'reopened'];

/** Writes changed columns of a case, recomputing the SLA columns; audited under `action`. */
export async function saveCase(
  tx: Ctx,
  before: CaseRow,
  patch: Partial<CaseRow>,
  action: string,
  settings?: CaseSettings,
  extraAudit: Record<string, { before: unknown; after: unknown }> = {},
): Promise<CaseRow> {
  const s = settings ?? (await getCaseSettings(tx));
  const merged: CaseRow = { ...before, ...patch };
  merged.in_queue = QUEUE_STATES.includes(merged.status) ? 1 : 0;
  const next: CaseRow = { ...merged, ...slaColumns(merged, s, tx.clock.now()), updated_at: nowIso(tx) };
  await tx.db.updateTable('cases').set(next).where('id', '=', before.id).execute();
  await adjustOwnerLoad(tx, before, next);
  const visible = Object.fromEntries(
    Object.keys(patch)
      .filter((k) => k !== 'sla_events' && k !== 'updated_at')
      .map((k) => [k, next[k as keyof CaseRow]]),
  );
  await auditCase(tx, before, action, { ...diff(before, visible), ...extraAudit });
  return next;
}

/** A staff action on a new or reopened case puts it to work (open). */
export function openedBy(row: CaseRow): Partial<CaseRow> {
  return row.status === 'new' || row.status === 'reopened' ? { status: 'open' } : {};
}

/** The case's row, refused with CASE_STATE_INVALID unless staff may still work on it. */
export async function workingRow(tx: Ctx, caseId: string, doing: string): Promise<CaseRow> {
  const row = await getCaseRow(tx, caseId);
  assertStatus(row, WORKING_STATES, doing);
  return row;
}
