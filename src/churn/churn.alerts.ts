// Alerts of a scoring run: the top of the at-risk ranking without an open retention task gets an alert
// row and a retention task for their owner, as many as the team's capacity leaves room for. The task's title and description are stored as
// keys + parameters (the reasons as nested texts), worded in each reader's language when read.
import { getCustomer } from '../customers/customers.service.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { emitEvent } from '../platform/events.js';
import { storedText } from '../platform/i18n/stored-text.js';
import { newId } from '../platform/ids.js';
import { countOpenTasksOfSource, createTask, findOpenTaskByDedupeKey } from '../tasks/tasks.service.js';
import { atRiskReasons, reasonCodes } from './churn.reasons.js';
import type { AlertSettings } from './churn.schema.js';
import type { StoredScore } from './churn.tables.js';

export type AlertRun = {
  runId: string;
  thresholds: AlertSettings;
  currency: string;
  /** Retention calls the team can make in a week: open retention tasks are topped up to this. */
  capacity: number;
  /** A task is due this many days after the alert. */
  taskDueDays: number;
};

/**
 * Raises alerts for the customers flagged at risk in ranking order (value at risk, raised by explicit
 * signals), skipping those with an open retention task, lost or erased, until the open retention tasks
 * reach the capacity; the first ten of a run get high priority. Answers the number raised.
 */
export async function raiseAlerts(ctx: Ctx, run: AlertRun, scores: StoredScore[]): Promise<number> {
  const room = Math.max(0, run.capacity - (await countOpenTasksOfSource(ctx, 'churn_retention')));
  if (room === 0) return 0;
  const ranked = scores
    .filter((r) => r.at_risk === 1)
    .sort((a, b) => b.rank_minor - a.rank_minor || (a.customer_id < b.customer_id ? -1 : 1));
  let alerts = 0;
  for (const r of ranked) {
    if (alerts >= room) break;
    if (await findOpenTaskByDedupeKey(ctx, `churn:${r.customer_id}`)) continue;
    const priority = alerts < 10 ? 'high' : 'normal';
    if (await raiseAlert(ctx, run, r, priority)) alerts++;
  }
  return alerts;
}

/** One alert: the alert row, the retention task for the customer's owner and the audit entry, in one transaction. */
async function raiseAlert(
  ctx: Ctx,
  run: AlertRun,
  r: StoredScore,
  priority: 'high' | 'normal',
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, r.customer_id);
    if (customer.status === 'lost' || customer.status === 'erased') return false;
    const alertId = newId('cha');
    const reasons = atRiskReasons(r, run.thresholds, run.currency);
    const codes = reasonCodes(r, run.thresholds);
    const now = tx.clock.now();
    await tx.db
      .insertInto('churn_alerts')
      .values({
        id: alertId,
        run_id: run.runId,
        customer_id: r.customer_id,
        at: now.toISOString(),
        value_at_risk_minor: r.value_at_risk_minor,
        reasons: JSON.stringify({
          codes,
          pAlive: r.p_alive,
          previousPAlive: r.prev_p_alive,
          overdueRatio: r.overdue_ratio,
          usualGapDays: r.usual_gap_days,
          valueBasis: r.value_basis,
          signals: r.signals ? JSON.parse(r.signals) : null,
        }),
        task_id: null,
      })
      .execute();
    const task = await createTask(tx, {
      customerId: r.customer_id,
      titleText: storedText('churn:task.title', {
        amount: { money: { amountMinor: r.value_at_risk_minor, currency: run.currency, wholeUnits: true } },
      }),
      descriptionText: storedText('churn:task.description', {
        reasons: { list: reasons.map((x) => x.text), separator: '\n- ' },
      }),
      dueAt: new Date(now.getTime() + run.taskDueDays * 86_400_000).toISOString(),
      priority,
      source: 'churn_retention',
      sourceRef: alertId,
      dedupeKey: `churn:${r.customer_id}`,
    });
    await tx.db.updateTable('churn_alerts').set({ task_id: task.id }).where('id', '=', alertId).execute();
    await recordAudit(tx, {
      entityType: 'churn_alert',
      entityId: alertId,
      customerId: r.customer_id,
      action: 'create',
      changes: {
        reasons: { before: null, after: codes },
        pAlive: { before: r.prev_p_alive, after: r.p_alive },
        valueAtRiskMinor: { before: null, after: r.value_at_risk_minor },
        taskId: { before: null, after: task.id },
      },
    });
    await emitEvent(tx, 'customer.at_risk', {
      alertId,
      customerId: r.customer_id,
      runId: run.runId,
      pAlive: r.p_alive,
      previousPAlive: r.prev_p_alive,
      valueAtRiskMinor: r.value_at_risk_minor,
      currency: run.currency,
      reasons: codes,
      at: now.toISOString(),
    });
    return true;
  });
}
