// Deciding on goodwill above the requester's limit, with four eyes: the requester never approves
// their own request; an approver's own limit applies, above it their approval is an endorsement
// that passes the request up (their manager, then an admin); a decline names its reason and tells
// the requester and the case owner (a task and a mail each).
import type { User } from '../platform/auth/auth.schema.js';
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, notFound, nullIfNotFound } from '../platform/errors.js';
import { storedText } from '../platform/i18n/stored-text.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { completeTask, createTask } from '../tasks/tasks.service.js';
import { auditCase, type CaseRow, type GoodwillRow, getCaseRow, toGoodwill } from './case-core.js';
import { approvalLimitOf, nextApprover } from './case-goodwill-approvers.js';
import { announceGoodwill } from './case-goodwill.service.js';
import { calendarOf, getCaseSettings } from './case-settings.js';
import { decideGoodwillSchema, declineGoodwillSchema, type Goodwill } from './cases.schema.js';
import { fill, formatMoney, textsFor } from './cases.texts.js';
import { addBusinessMinutes } from './sla/index.js';

/** The task source of the notice that a requested gesture was declined. */
export const GOODWILL_DECLINED_TASK_SOURCE = 'case_goodwill_declined';

type Endorsement = { userId: string; at: string; note: string | null };

async function pendingGoodwill(tx: Ctx, caseId: string, goodwillId: string): Promise<GoodwillRow> {
  const g = await tx.db
    .selectFrom('case_goodwill')
    .selectAll()
    .where('id', '=', goodwillId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!g) throw notFound('Goodwill', goodwillId);
  if (g.status !== 'pending_approval') {
    throw new AppError('CONFLICT', `Goodwill ${goodwillId} is ${g.status}`, {
      errors: [{ path: 'status', message: `already ${g.status}` }],
    });
  }
  return g;
}

/**
 * A manager's or admin's decision on a pending gesture. Approve: refused for the requester
 * (GOODWILL_SELF_APPROVAL); within the approver's own limit it is granted, above it the approval is
 * recorded as an endorsement and the request goes to the approver's manager, then an admin (a new
 * approval task), or GOODWILL_LIMIT_EXCEEDED when there is nobody above. Decline: needs a reason;
 * the requester and the case owner each get a task and a mail. Audited.
 */
export async function decideGoodwill(
  ctx: Ctx,
  caseId: string,
  goodwillId: string,
  decision: 'approve' | 'decline',
  input: { note?: string; reason?: string } = {},
): Promise<Goodwill> {
  const note = decision === 'approve' ? (decideGoodwillSchema.parse(input).note ?? null) : null;
  const reason = decision === 'decline' ? declineGoodwillSchema.parse(input).reason : null;
  const actor = ctx.actor;
  if (actor.kind !== 'user' || actor.role === 'agent')
    throw new AppError('FORBIDDEN', 'Only managers and admins decide on goodwill above the limit');
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const g = await pendingGoodwill(tx, caseId, goodwillId);
    const decider = await getUser(tx, actor.id);
    if (decision === 'decline') return decline(tx, row, g, decider, reason!);
    if (g.requested_by === decider.id)
      throw new AppError('GOODWILL_SELF_APPROVAL', 'You requested this goodwill yourself', {
        detailText: { key: 'cases:goodwill.selfApproval' },
      });
    const endorsements: Endorsement[] = g.endorsements ? JSON.parse(g.endorsements) : [];
    if (endorsements.some((e) => e.userId === decider.id))
      throw new AppError('CONFLICT', 'You already endorsed this goodwill', {
        detailText: { key: 'cases:goodwill.alreadyEndorsed' },
        errors: [{ path: 'status', message: 'already endorsed by you' }],
      });
    const settings = await getCaseSettings(tx);
    const limit = approvalLimitOf(decider, settings);
    if (limit === null || Number(g.amount_minor) <= limit) return grant(tx, row, g, decider, note);
    return passUp(tx, row, g, decider, note, endorsements);
  });
}

async function grant(tx: Ctx, row: CaseRow, g: GoodwillRow, decider: User, note: string | null) {
  const set = {
    status: 'granted',
    decided_by: decider.id,
    decided_at: nowIso(tx),
    decision_note: note,
    approver_id: null,
  };
  await tx.db.updateTable('case_goodwill').set(set).where('id', '=', g.id).execute();
  if (g.approval_task_id) await completeTask(tx, g.approval_task_id, 'approved');
  await auditCase(tx, row, 'goodwill_approve', {
    [`goodwill:${g.id}`]: { before: { status: g.status }, after: { status: set.status, note } },
  });
  await announceGoodwill(tx, { ...g, ...set }, 'goodwill.decided');
  return toGoodwill({ ...g, ...set });
}

/** The approver's limit is below the amount: their approval endorses it and sends it one step up. */
async function passUp(
  tx: Ctx,
  row: CaseRow,
  g: GoodwillRow,
  endorser: User,
  note: string | null,
  endorsements: Endorsement[],
) {
  const exclude = new Set([endorser.id, ...endorsements.map((e) => e.userId)]);
  if (g.requested_by) exclude.add(g.requested_by);
  const next = await nextApprover(tx, endorser, exclude);
  if (!next)
    throw new AppError(
      'GOODWILL_LIMIT_EXCEEDED',
      'Nobody above your approval limit can approve this goodwill',
      {
        detailText: { key: 'cases:goodwill.noOneAbove' },
        errors: [{ path: 'amountMinor', message: 'above your approval limit' }],
      },
    );
  const settings = await getCaseSettings(tx);
  const step = endorsements.length + 1;
  const task = await createTask(tx, {
    customerId: row.customer_id,
    caseId: row.id,
    assigneeId: next.id,
    titleText: storedText('cases:staff.approvalTitle', {
      amount: { money: { amountMinor: Number(g.amount_minor), currency: g.currency } },
      reference: row.reference,
    }),
    description: g.description,
    dueAt: addBusinessMinutes(calendarOf(settings), tx.clock.now(), 9 * 60).toISOString(),
    priority: 'high',
    source: 'case_goodwill_approval',
    sourceRef: g.id,
    dedupeKey: `case_goodwill_approval:${g.id}:${step}`,
  });
  if (g.approval_task_id) await completeTask(tx, g.approval_task_id, 'endorsed');
  const nextEndorsements = [...endorsements, { userId: endorser.id, at: nowIso(tx), note }];
  const set = {
    approver_id: next.id,
    approval_task_id: task.id,
    endorsements: JSON.stringify(nextEndorsements),
  };
  await tx.db.updateTable('case_goodwill').set(set).where('id', '=', g.id).execute();
  await auditCase(tx, row, 'goodwill_endorse', {
    [`goodwill:${g.id}`]: {
      before: { approverId: g.approver_id ?? null },
      after: { approverId: next.id, endorsedBy: endorser.id, note },
    },
  });
  return toGoodwill({ ...g, ...set });
}

async function decline(tx: Ctx, row: CaseRow, g: GoodwillRow, decider: User, reason: string) {
  const set = {
    status: 'declined',
    decided_by: decider.id,
    decided_at: nowIso(tx),
    decision_note: reason,
    approver_id: null,
  };
  await tx.db.updateTable('case_goodwill').set(set).where('id', '=', g.id).execute();
  if (g.approval_task_id) await completeTask(tx, g.approval_task_id, 'declined');
  await auditCase(tx, row, 'goodwill_decline', {
    [`goodwill:${g.id}`]: { before: { status: g.status }, after: { status: set.status, reason } },
  });
  await tellOfDecline(tx, row, g, decider, reason);
  await announceGoodwill(tx, { ...g, ...set }, 'goodwill.decided');
  return toGoodwill({ ...g, ...set });
}

/** The requester and the case owner (each once, not the decider) get a task and a mail in their language. */
async function tellOfDecline(tx: Ctx, row: CaseRow, g: GoodwillRow, decider: User, reason: string) {
  const ids = [...new Set([g.requested_by, row.owner_id])].filter(
    (id): id is string => !!id && id !== decider.id,
  );
  const settings = await getCaseSettings(tx);
  const amount = { money: { amountMinor: Number(g.amount_minor), currency: g.currency } };
  for (const id of ids) {
    const user = await getUser(tx, id).catch(nullIfNotFound);
    if (!user?.active) continue;
    await createTask(tx, {
      customerId: row.customer_id,
      caseId: row.id,
      assigneeId: user.id,
      titleText: storedText('cases:staff.goodwillDeclinedTitle', { amount, reference: row.reference }),
      description: reason,
      dueAt: addBusinessMinutes(calendarOf(settings), tx.clock.now(), 9 * 60).toISOString(),
      priority: 'high',
      source: GOODWILL_DECLINED_TASK_SOURCE,
      sourceRef: g.id,
      dedupeKey: `${GOODWILL_DECLINED_TASK_SOURCE}:${g.id}:${user.id}`,
    });
    const t = textsFor(user.locale).staff;
    const vars = {
      amount: formatMoney(Number(g.amount_minor), g.currency, user.locale),
      reference: row.reference,
      description: g.description,
      decider: decider.name,
      reason,
      url: `${tx.config.publicUrl}/cases/${row.id}`,
    };
    await enqueueMail(tx, {
      to: user.email,
      subject: fill(t.goodwillDeclinedSubject, vars),
      text: fill(t.goodwillDeclinedBody, vars),
      customerId: row.customer_id,
      purpose: 'case_goodwill_declined',
    });
  }
}
