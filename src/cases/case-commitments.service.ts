// Commitments: everything promised to the customer (refund, call-back, repair), tracked until done.
import { diff } from '../platform/audit/audit.service.js';
import { getUser, listUsers } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, notFound, nullIfNotFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import {
  activeStaff,
  assertStatus,
  auditCase,
  type CommitmentRow,
  getCaseRow,
  toCommitment,
} from './case-core.js';
import { calendarOf, getCaseSettings } from './case-settings.js';
import {
  type Commitment,
  type CreateCommitment,
  createCommitmentSchema,
  fulfilCommitmentSchema,
} from './cases.schema.js';
import { fill, formatDateTime, textsFor } from './cases.texts.js';
import { businessMinutesBetween } from './sla/index.js';

/** Records a promise made to the customer, with owner (default: the case owner) and due time. Audited. */
export async function addCommitment(ctx: Ctx, caseId: string, input: CreateCommitment): Promise<Commitment> {
  const data = createCommitmentSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    assertStatus(row, ['new', 'open', 'waiting_customer', 'reopened', 'resolved'], 'add a commitment');
    const ownerId = data.ownerId ?? row.owner_id ?? tx.actor.id;
    if (!ownerId)
      throw new AppError('VALIDATION_FAILED', 'ownerId: required', {
        errors: [{ path: 'ownerId', message: 'required' }],
      });
    await activeStaff(tx, ownerId, 'ownerId');
    if ((data.amountMinor === undefined) !== (data.currency === undefined)) {
      const path = data.amountMinor === undefined ? 'amountMinor' : 'currency';
      throw new AppError('VALIDATION_FAILED', `${path}: amount and currency go together`, {
        errors: [{ path, message: 'amount and currency go together' }],
      });
    }
    const c: CommitmentRow = {
      id: newId('cmt'),
      case_id: row.id,
      customer_id: row.customer_id,
      kind: data.kind,
      description: data.description,
      owner_id: ownerId,
      due_at: new Date(data.dueAt).toISOString(),
      amount_minor: data.amountMinor ?? null,
      currency: data.currency ?? null,
      status: 'open',
      fulfilled_at: null,
      fulfilled_by: null,
      note: null,
      reminder_sent_at: null,
      overdue_alert_sent_at: null,
      created_by: tx.actor.id,
      created_at: nowIso(tx),
    };
    await tx.db.insertInto('case_commitments').values(c).execute();
    await auditCase(tx, row, 'commitment_add', {
      [`commitment:${c.id}`]: {
        before: null,
        after: {
          kind: c.kind,
          description: c.description,
          ownerId: c.owner_id,
          dueAt: c.due_at,
          amountMinor: c.amount_minor,
          currency: c.currency,
        },
      },
    });
    return toCommitment(c);
  });
}

/** Marks a commitment fulfilled (once; fulfilling again changes nothing). Audited. */
export async function fulfilCommitment(
  ctx: Ctx,
  caseId: string,
  commitmentId: string,
  input: { note?: string } = {},
): Promise<Commitment> {
  const data = fulfilCommitmentSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await getCaseRow(tx, caseId);
    const c = await tx.db
      .selectFrom('case_commitments')
      .selectAll()
      .where('id', '=', commitmentId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!c) throw notFound('Commitment', commitmentId);
    if (c.status === 'fulfilled') return toCommitment(c);
    const set = {
      status: 'fulfilled',
      fulfilled_at: nowIso(tx),
      fulfilled_by: tx.actor.id,
      note: data.note ?? null,
    };
    await tx.db.updateTable('case_commitments').set(set).where('id', '=', c.id).execute();
    await auditCase(tx, row, 'commitment_fulfil', {
      [`commitment:${c.id}`]: { before: { status: c.status }, after: diff(c, set) },
    });
    return toCommitment({ ...c, ...set });
  });
}

async function managerOf(ctx: Ctx, userId: string) {
  const user = await getUser(ctx, userId).catch(nullIfNotFound);
  const lead = user?.managerId ? await getUser(ctx, user.managerId).catch(nullIfNotFound) : null;
  if (lead?.active) return lead;
  const managers = (await listUsers(ctx, { role: 'manager', activeOnly: true })).filter(
    (m) => m.id !== userId,
  );
  return managers[0] ?? null;
}

/**
 * The scheduled commitment check: reminds the owner once when a commitment is due within the
 * configured business time, and alerts owner and their manager once when it is overdue.
 */
export async function runCommitmentChecks(ctx: Ctx): Promise<{ reminders: number; alerts: number }> {
  const settings = await getCaseSettings(ctx);
  const cal = calendarOf(settings);
  const now = ctx.clock.now();
  const nowIsoStr = now.toISOString();
  // A business-time window never spans more calendar time than this many days (weekends, holidays).
  const horizon = new Date(
    now.getTime() + (Math.ceil(settings.reminderBusinessMinutes / 60 / 24) + 14) * 86_400_000,
  ).toISOString();
  const candidates = await ctx.db
    .selectFrom('case_commitments')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_at', '<=', horizon)
    .where((eb) => eb.or([eb('reminder_sent_at', 'is', null), eb('overdue_alert_sent_at', 'is', null)]))
    .orderBy('due_at')
    .limit(1000)
    .execute();
  let reminders = 0;
  let alerts = 0;
  for (const c of candidates) {
    const overdue = c.due_at <= nowIsoStr;
    if (overdue && c.overdue_alert_sent_at === null) {
      await inTransaction(ctx, async (tx) => {
        const res = await tx.db
          .updateTable('case_commitments')
          .set({ overdue_alert_sent_at: nowIsoStr })
          .where('id', '=', c.id)
          .where('overdue_alert_sent_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) return;
        const row = await getCaseRow(tx, c.case_id);
        const owner = await getUser(tx, c.owner_id);
        const manager = await managerOf(tx, c.owner_id);
        for (const to of [owner, ...(manager && manager.id !== owner.id ? [manager] : [])]) {
          const t = textsFor(to.locale).staff;
          const vars = {
            reference: row.reference,
            description: c.description,
            ownerName: owner.name,
            dueAt: formatDateTime(c.due_at, to.locale, settings.calendar.timeZone),
            url: `${tx.config.publicUrl}/cases/${row.id}`,
          };
          await enqueueMail(tx, {
            to: to.email,
            subject: fill(t.overdueSubject, vars),
            text: fill(t.overdueBody, vars),
            customerId: c.customer_id,
            purpose: 'case_commitment_overdue',
          });
        }
        await auditCase(tx, row, 'commitment_overdue_alert', {
          [`commitment:${c.id}`]: { before: null, after: { alerted: [owner.id, manager?.id ?? null] } },
        });
        alerts++;
      });
    } else if (
      !overdue &&
      c.reminder_sent_at === null &&
      businessMinutesBetween(cal, now, new Date(c.due_at)) <= settings.reminderBusinessMinutes
    ) {
      await inTransaction(ctx, async (tx) => {
        const res = await tx.db
          .updateTable('case_commitments')
          .set({ reminder_sent_at: nowIsoStr })
          .where('id', '=', c.id)
          .where('reminder_sent_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) return;
        const row = await getCaseRow(tx, c.case_id);
        const owner = await getUser(tx, c.owner_id);
        const t = textsFor(owner.locale).staff;
        const vars = {
          reference: row.reference,
          description: c.description,
          dueAt: formatDateTime(c.due_at, owner.locale, settings.calendar.timeZone),
          url: `${tx.config.publicUrl}/cases/${row.id}`,
        };
        await enqueueMail(tx, {
          to: owner.email,
          subject: fill(t.reminderSubject, vars),
          text: fill(t.reminderBody, vars),
          customerId: c.customer_id,
          purpose: 'case_commitment_reminder',
        });
        await auditCase(tx, row, 'commitment_reminder', {
          [`commitment:${c.id}`]: { before: null, after: { reminded: owner.id } },
        });
        reminders++;
      });
    }
  }
  return { reminders, alerts };
}
