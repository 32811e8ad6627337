// Staff edits of a case's fields (owner, severity, texts, root cause) and its working state between
// open and waiting for the customer, which pauses and resumes the resolution clock.
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { checkRootCause, checkTouchpoint } from './case-codes.js';
import { activeStaff, assertStatus, type CaseRow, getCaseRow, loadCase, withSlaEvent } from './case-core.js';
import { computePriority, type PriorityFactors, type Severity } from './case-priority.js';
import { openedBy, saveCase, WORKING_STATES } from './case-save.js';
import { complaintText, reindexCase } from './case-search.service.js';
import { getCaseSettings } from './case-settings.js';
import { type Case, type UpdateCase, updateCaseSchema } from './cases.schema.js';

/**
 * Changes case fields (severity re-prioritises, owner moves team), and the state between open and
 * waiting_customer (pauses/resumes the resolution clock). Audited.
 */
export async function updateCase(ctx: Ctx, id: string, input: UpdateCase): Promise<Case> {
  const data = updateCaseSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getCaseRow(tx, id);
    if (before.status === 'closed') assertStatus(before, WORKING_STATES, 'change a closed case');
    const settings = await getCaseSettings(tx);
    const now = nowIso(tx);
    const patch: Partial<CaseRow> = {};
    if (data.touchpointCode !== undefined) {
      await checkTouchpoint(tx, data.touchpointCode);
      patch.touchpoint_code = data.touchpointCode;
    }
    if (data.rootCauseCode !== undefined) {
      await checkRootCause(tx, data.rootCauseCode, 'rootCauseCode');
      patch.root_cause_code = data.rootCauseCode;
    }
    if (data.subject !== undefined) patch.subject = data.subject;
    if (data.requestedRemedy !== undefined) patch.requested_remedy = data.requestedRemedy;
    if (data.apology !== undefined) patch.apology = data.apology;
    if (data.rootCauseAnalysis !== undefined) patch.root_cause_analysis = data.rootCauseAnalysis;
    if (data.preventiveAction !== undefined) patch.preventive_action = data.preventiveAction;
    if (data.ownerId !== undefined && data.ownerId !== before.owner_id) {
      const owner = await activeStaff(tx, data.ownerId, 'ownerId');
      patch.owner_id = owner.id;
      patch.team_id = owner.teamId;
    }
    if (data.severity !== undefined && data.severity !== before.severity) {
      const f = JSON.parse(before.priority_factors) as PriorityFactors;
      const prio = computePriority({ ...f, severity: data.severity as Severity });
      patch.severity = data.severity;
      patch.priority = prio.priority;
      patch.priority_score = prio.score;
      patch.priority_factors = JSON.stringify(prio.factors);
    }
    if (data.status !== undefined && data.status !== before.status) {
      if (data.status === 'waiting_customer') {
        assertStatus(before, ['new', 'open', 'reopened'], 'wait for the customer');
        patch.status = 'waiting_customer';
        patch.sla_events = withSlaEvent(before, 'paused', now);
      } else {
        assertStatus(before, ['new', 'waiting_customer', 'reopened'], 'open');
        patch.status = 'open';
        if (before.status === 'waiting_customer') patch.sla_events = withSlaEvent(before, 'resumed', now);
      }
    } else if (Object.keys(patch).length > 0 && data.status === undefined) {
      Object.assign(patch, openedBy(before));
    }
    if (Object.keys(patch).length === 0) return loadCase(tx, before);
    const saved = await saveCase(tx, before, patch, 'update', settings);
    if (complaintText(saved) !== complaintText(before)) await reindexCase(tx, id);
    return loadCase(tx, saved);
  });
}
