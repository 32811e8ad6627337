// Escalation up the hierarchy (agent → team lead → manager) with a call-back task and an e-mail.
import type { User } from '../platform/auth/auth.schema.js';
import { getUser, listUsers } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { newId } from '../platform/ids.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { nullIfNotFound } from '../platform/errors.js';
import { createTask, listOverdueUnnotified, markOverdueNotified } from '../tasks/tasks.service.js';
import { auditCase, type CaseRow, getCaseRow, slaColumns, slaStatusOf } from './case-core.js';
import { type CaseSettings, calendarOf, getCaseSettings } from './case-settings.js';
import { hasText } from '../platform/i18n/i18n.js';
import { storedText } from '../platform/i18n/stored-text.js';
import { fill, formatDateTime, textsFor } from './cases.texts.js';
import { addBusinessMinutes, shouldEscalate } from './sla/index.js';

/** The task source of escalation call-backs; their overdue notice comes from this domain. */
export const CALLBACK_TASK_SOURCE = 'case_callback';

/** The highest escalation level: 1 = the owner's team lead, 2 = that person's manager. */
export const MAX_ESCALATION_LEVEL = 2;

export type EscalationReason =
  | 'anger'
  | 'leaving'
  | 'high_value'
  | 'sla_first_response'
  | 'sla_resolution'
  | 'reopened'
  | 'manual';

async function activeUser(ctx: Ctx, id: string | null): Promise<User | null> {
  if (!id) return null;
  const u = await getUser(ctx, id).catch(nullIfNotFound);
  return u?.active ? u : null;
}

/**
 * Who handles escalation level `level` of a case: the owner's manager (1), that person's manager (2);
 * where the hierarchy has no one, any active manager not already involved, then an admin.
 */
export async function escalationTarget(
  ctx: Ctx,
  row: Pick<CaseRow, 'id' | 'owner_id'>,
  level: number,
): Promise<User | null> {
  const chain: User[] = [];
  let current = await activeUser(ctx, row.owner_id);
  const involved = new Set<string>(row.owner_id ? [row.owner_id] : []);
  const previous = await ctx.db
    .selectFrom('case_escalations')
    .select('to_user_id')
    .where('case_id', '=', row.id)
    .execute();
  for (const p of previous) if (p.to_user_id) involved.add(p.to_user_id);
  for (let l = 1; l <= level; l++) {
    const next = await activeUser(ctx, current?.managerId ?? null);
    if (!next) break;
    chain.push(next);
    current = next;
  }
  if (chain.length === level) return chain[level - 1];
  for (const role of ['manager', 'admin']) {
    const users = await listUsers(ctx, { role, activeOnly: true });
    const fresh = users.find((u) => !involved.has(u.id));
    if (fresh) return fresh;
  }
  const any = [
    ...(await listUsers(ctx, { role: 'manager', activeOnly: true })),
    ...(await listUsers(ctx, { role: 'admin', activeOnly: true })),
  ];
  return any[0] ?? null;
}

/**
 * Raises the case one escalation level (up to MAX_ESCALATION_LEVEL) in the caller's transaction:
 * records the escalation with its reasons, gives the target a call-back task and sends them a mail.
 * Returns false when the case is already at the top level.
 */
export async function escalateCase(
  ctx: Ctx,
  caseId: string,
  reasons: EscalationReason[],
  settings?: CaseSettings,
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    if (row.escalation_level >= MAX_ESCALATION_LEVEL) {
      await auditCase(tx, row, 'escalation_skipped', { reasons: { before: null, after: reasons } });
      return false;
    }
    const s = settings ?? (await getCaseSettings(tx));
    const level = row.escalation_level + 1;
    const target = await escalationTarget(tx, row, level);
    const now = tx.clock.now();
    const dueAt = addBusinessMinutes(calendarOf(s), now, s.callbackBusinessMinutes).toISOString();
    const id = newId('esc');
    let taskId: string | null = null;
    if (target) {
      const t = textsFor(target.locale).staff;
      const reasonText = reasons.map((r) => t.reasons[r] ?? r).join(', ');
      const vars = {
        reference: row.reference,
        level,
        reasons: reasonText,
        dueAt: formatDateTime(dueAt, target.locale, s.calendar.timeZone),
        url: `${tx.config.publicUrl}/cases/${row.id}`,
      };
      const task = await createTask(tx, {
        customerId: row.customer_id,
        caseId: row.id,
        assigneeId: target.id,
        titleText: storedText('cases:staff.callbackTitle', { reference: row.reference, level }),
        descriptionText: storedText('cases:staff.reasonList', {
          reasons: {
            list: reasons.map((r) =>
              hasText(`cases:staff.reasons.${r}`)
                ? storedText(`cases:staff.reasons.${r}`)
                : storedText('cases:staff.reasonCode', { code: r }),
            ),
          },
        }),
        dueAt,
        priority: 'urgent',
        source: CALLBACK_TASK_SOURCE,
        sourceRef: id,
        dedupeKey: `case_callback:${row.id}:${level}`,
        overdueNotice: 'creator',
      });
      taskId = task.id;
      await enqueueMail(tx, {
        to: target.email,
        subject: fill(t.escalationSubject, vars),
        text: fill(t.escalationBody, vars),
        customerId: row.customer_id,
        purpose: 'case_escalation',
      });
    }
    await tx.db
      .insertInto('case_escalations')
      .values({
        id,
        case_id: row.id,
        customer_id: row.customer_id,
        level,
        reasons: JSON.stringify(reasons),
        from_user_id: row.owner_id,
        to_user_id: target?.id ?? null,
        task_id: taskId,
        at: now.toISOString(),
      })
      .execute();
    await tx.db
      .updateTable('cases')
      .set({ escalation_level: level, updated_at: nowIso(tx) })
      .where('id', '=', row.id)
      .execute();
    await auditCase(tx, row, 'escalate', {
      escalationLevel: { before: row.escalation_level, after: level },
      reasons: { before: null, after: reasons },
      escalatedTo: { before: null, after: target?.id ?? null },
    });
    await emitEvent(tx, 'case.escalated', {
      caseId: row.id,
      customerId: row.customer_id,
      level,
      reasons,
      escalatedTo: target?.id ?? null,
      escalatedAt: now.toISOString(),
    });
    return true;
  });
}

/**
 * The scheduled SLA check: escalates each queued case whose first-response or resolution clock has
 * used the configured share of its budget (once per clock), then re-arms its next check time.
 */
export async function runSlaEscalations(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('sla_warn_at', '<=', now.toISOString())
    .where('in_queue', '=', 1)
    .orderBy('sla_warn_at')
    .limit(500)
    .execute();
  let escalated = 0;
  for (const { id } of due) {
    await inTransaction(ctx, async (tx) => {
      const row = await getCaseRow(tx, id);
      if (!row.sla_warn_at || row.sla_warn_at > now.toISOString() || row.in_queue !== 1) return;
      const s = await getCaseSettings(tx);
      const status = slaStatusOf(row, s, now);
      const reasons: EscalationReason[] = [];
      const flags = { sla_fr_escalated: row.sla_fr_escalated, sla_res_escalated: row.sla_res_escalated };
      if (!row.sla_fr_escalated && shouldEscalate(status.firstResponse, s.escalationShare)) {
        reasons.push('sla_first_response');
        flags.sla_fr_escalated = 1;
      }
      if (!row.sla_res_escalated && shouldEscalate(status.resolution, s.escalationShare)) {
        reasons.push('sla_resolution');
        flags.sla_res_escalated = 1;
      }
      if (reasons.length > 0) {
        await escalateCase(tx, row.id, reasons, s);
        escalated++;
      }
      const cols = slaColumns({ ...row, ...flags }, s, now);
      await tx.db
        .updateTable('cases')
        .set({ ...flags, ...cols })
        .where('id', '=', row.id)
        .execute();
    });
  }
  return escalated;
}

/**
 * The one overdue notice of an escalation call-back: when the call-back task is past its due time
 * and still open, its assignee gets one mail about the case (in their locale), audited on the case.
 * The tasks domain sends no overdue mail of its own for these tasks (created with overdueNotice 'creator').
 */
export async function runCallbackOverdueNotices(ctx: Ctx): Promise<number> {
  let sent = 0;
  for (;;) {
    const tasks = await listOverdueUnnotified(ctx, 200, { source: CALLBACK_TASK_SOURCE });
    if (tasks.length === 0) return sent;
    for (const task of tasks) {
      await inTransaction(ctx, async (tx) => {
        if (!(await markOverdueNotified(tx, task.id))) return;
        const assignee = await activeUser(tx, task.assigneeId);
        const row = task.caseId ? await getCaseRow(tx, task.caseId).catch(nullIfNotFound) : null;
        if (!assignee || !row) return; // nobody to tell; marked so it is not retried forever
        const escalation = task.sourceRef
          ? await tx.db
              .selectFrom('case_escalations')
              .select('level')
              .where('id', '=', task.sourceRef)
              .executeTakeFirst()
          : undefined;
        const s = await getCaseSettings(tx);
        const t = textsFor(assignee.locale).staff;
        const vars = {
          reference: row.reference,
          level: escalation?.level ?? row.escalation_level,
          dueAt: task.dueAt ? formatDateTime(task.dueAt, assignee.locale, s.calendar.timeZone) : '',
          url: `${tx.config.publicUrl}/cases/${row.id}`,
        };
        await enqueueMail(tx, {
          to: assignee.email,
          subject: fill(t.callbackOverdueSubject, vars),
          text: fill(t.callbackOverdueBody, vars),
          customerId: row.customer_id,
          purpose: 'case_callback_overdue',
        });
        await auditCase(tx, row, 'callback_overdue_notice', {
          taskId: { before: null, after: task.id },
          notified: { before: null, after: assignee.id },
        });
        sent++;
      });
    }
  }
}
