// What a reply does to a case (called by the conversation and by the letter): a staff reply stops
// the first-response clock, a customer reply resumes or reopens the case and may escalate it.
import { type Ctx, inTransaction } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { detectAnger } from './anger/index.js';
import { type CaseRow, getCaseRow, QUEUE_STATES, withSlaEvent } from './case-core.js';
import { type EscalationReason, escalateCase } from './case-escalation.js';
import { computePriority, type PriorityFactors } from './case-priority.js';
import { openedBy, saveCase } from './case-save.js';
import { getCaseSettings } from './case-settings.js';
import { langOf } from './cases.texts.js';

/**
 * Records that a public staff reply was sent at `at`: the first one stops the first-response clock;
 * a new or reopened case becomes open.
 */
export async function recordStaffReply(ctx: Ctx, caseId: string, at: Date | string): Promise<void> {
  const atIso = new Date(at).toISOString();
  await inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const patch: Partial<CaseRow> = { ...openedBy(row) };
    if (!row.first_response_at) {
      patch.first_response_at = atIso;
      patch.sla_events = withSlaEvent(row, 'first_response', atIso);
    }
    if (Object.keys(patch).length > 0) await saveCase(tx, row, patch, 'staff_reply');
  });
}

/**
 * Records that the customer replied at `at`: a case waiting for the customer resumes (clock runs
 * again), a resolved case is reopened. With `text`, the reply's anger is assessed and an angry or
 * leaving customer escalates the case.
 */
export async function recordCustomerReply(
  ctx: Ctx,
  caseId: string,
  at: Date | string,
  options: { text?: string } = {},
): Promise<void> {
  const atIso = new Date(at).toISOString();
  await inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const settings = await getCaseSettings(tx);
    const patch: Partial<CaseRow> = {};
    if (row.status === 'waiting_customer') {
      patch.status = 'open';
      patch.sla_events = withSlaEvent(row, 'resumed', atIso);
    } else if (row.status === 'resolved') {
      patch.status = 'reopened';
      patch.resolved_at = null;
      patch.reopen_count = row.reopen_count + 1;
      patch.sla_res_escalated = 0;
      patch.sla_events = withSlaEvent(row, 'reopened', atIso);
    }
    const reasons: EscalationReason[] = [];
    if (options.text) {
      const anger = detectAnger(options.text, langOf(row.lang), { escalateAt: settings.angerEscalateAt });
      if (anger.level > row.anger_level) {
        const f = JSON.parse(row.priority_factors) as PriorityFactors;
        const prio = computePriority({ ...f, angerLevel: anger.level, leaving: f.leaving || anger.leaving });
        Object.assign(patch, {
          anger_level: anger.level,
          anger_band: anger.band,
          anger_signals: JSON.stringify(anger.signals),
          priority: prio.priority,
          priority_score: prio.score,
          priority_factors: JSON.stringify(prio.factors),
        });
      }
      if (anger.leaving && !row.leaving) patch.leaving = 1;
      if (anger.level >= settings.angerEscalateAt) reasons.push('anger');
      if (anger.leaving) reasons.push('leaving');
    }
    if (Object.keys(patch).length > 0 || reasons.length > 0) {
      await saveCase(tx, row, patch, 'customer_reply', settings);
      if (patch.status === 'reopened') {
        await emitEvent(tx, 'case.reopened', {
          caseId,
          customerId: row.customer_id,
          ownerId: row.owner_id,
          reason: 'customer_reply',
          reopenedAt: atIso,
        });
      }
    }
    if (reasons.length > 0 && QUEUE_STATES.includes(patch.status ?? row.status))
      await escalateCase(tx, caseId, reasons, settings);
  });
}
