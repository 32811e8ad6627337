// Lost-customer proposals: a cancellation proposes (or confirms) a loss, the churn model proposes
// customers with a low P(alive), and a manager confirms or dismisses (a person decides, either way).
import { diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { confirmLost } from './lost-customers.service.js';
import * as ports from './retention.ports.js';
import { type DismissProposal, dismissProposalSchema } from './retention.schema.js';
import { getRetentionSettings } from './retention.settings.js';
import { addDays } from './retention.stats.js';

/**
 * Reacts to a cancellation: when the customer has no other active contract and bought nothing
 * since the cancellation, proposes the customer as lost (or confirms at once, per the setting
 * `lostOnCancellation`). Repeats add no second open proposal.
 */
export async function handleContractCancelled(
  ctx: Ctx,
  p: { customerId: string; contractId: string; at: string; reason?: string | null },
): Promise<'proposed' | 'confirmed' | 'skipped'> {
  const settings = await getRetentionSettings(ctx);
  if (settings.lostOnCancellation === 'off') return 'skipped';
  const [customer] = await ports.getCustomers(ctx, [p.customerId]);
  if (!customer || customer.status === 'lost' || customer.status === 'erased') return 'skipped';
  const contracts = await ports.listContractsForCustomer(ctx, p.customerId);
  if (contracts.some((c) => c.id !== p.contractId && c.status === 'active')) return 'skipped';
  const last = (await ports.lastPurchaseAt(ctx, [p.customerId])).get(p.customerId);
  if (last && last > p.at) return 'skipped';
  if (settings.lostOnCancellation === 'confirm') {
    await confirmLost(ctx, {
      customerId: p.customerId,
      source: 'cancellation',
      reason: p.reason ?? undefined,
    });
    return 'confirmed';
  }
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('retention_lost_proposals')
      .select('id')
      .where('customer_id', '=', p.customerId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (existing) return 'skipped';
    const id = newId('lpr');
    await tx.db
      .insertInto('retention_lost_proposals')
      .values({
        id,
        customer_id: p.customerId,
        source: 'cancellation',
        contract_id: p.contractId,
        reason_text: p.reason ?? null,
        proposed_at: nowIso(tx),
        status: 'open',
        decided_at: null,
      })
      .execute();
    await recordAudit(tx, {
      entityType: 'lost_proposal',
      entityId: id,
      customerId: p.customerId,
      action: 'propose_lost',
      changes: diff(null, { source: 'cancellation', contract_id: p.contractId }),
    });
    return 'proposed' as const;
  });
}

/**
 * A manager decides a proposed customer is not lost (a person decides, either way): open
 * cancellation proposals of the customer are closed as dismissed, and a churn-model proposal is
 * not made again for `proposalDismissDays`. The reason goes into the audit log. 404 when nothing
 * is proposed for the customer.
 */
export async function dismissLostProposal(ctx: Ctx, input: DismissProposal): Promise<void> {
  const data = dismissProposalSchema.parse(input);
  await inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    const open = await tx.db
      .selectFrom('retention_lost_proposals')
      .select('id')
      .where('customer_id', '=', data.customerId)
      .where('status', '=', 'open')
      .execute();
    let id: string;
    let source: 'cancellation' | 'churn_model';
    if (open.length > 0) {
      source = 'cancellation';
      id = open[0].id;
      await tx.db
        .updateTable('retention_lost_proposals')
        .set({ status: 'dismissed', decided_at: now })
        .where(
          'id',
          'in',
          open.map((o) => o.id),
        )
        .execute();
    } else {
      // The same test as listLostProposals, for this one customer: at risk in the latest run with
      // P(alive) below the setting, not lost, and not dismissed lately.
      if (!(await isChurnModelProposal(tx, data.customerId)))
        throw notFound('Lost-customer proposal for customer', data.customerId);
      source = 'churn_model';
      id = newId('lpr');
      await tx.db
        .insertInto('retention_lost_proposals')
        .values({
          id,
          customer_id: data.customerId,
          source,
          contract_id: null,
          reason_text: null,
          proposed_at: now,
          status: 'dismissed',
          decided_at: now,
        })
        .execute();
    }
    await recordAudit(tx, {
      entityType: 'lost_proposal',
      entityId: id,
      customerId: data.customerId,
      action: 'dismiss_lost',
      changes: diff(null, { source, reason: data.reason }),
    });
  });
}

/** Churn-model proposals that a manager dismissed within the last `proposalDismissDays` days. */
async function recentlyDismissed(ctx: Ctx, days: number, customerId?: string): Promise<Set<string>> {
  let q = ctx.db
    .selectFrom('retention_lost_proposals')
    .select('customer_id')
    .where('source', '=', 'churn_model')
    .where('status', '=', 'dismissed')
    .where('decided_at', '>=', addDays(nowIso(ctx), -days));
  if (customerId) q = q.where('customer_id', '=', customerId);
  return new Set((await q.execute()).map((d) => d.customer_id));
}

async function isChurnModelProposal(ctx: Ctx, customerId: string): Promise<boolean> {
  const settings = await getRetentionSettings(ctx);
  const [customer] = await ports.getCustomers(ctx, [customerId]);
  if (!customer || customer.status === 'lost' || customer.status === 'erased') return false;
  const score = (await ports.latestScores(ctx, [customerId])).get(customerId);
  if (!score?.atRisk || score.pAlive >= settings.proposalPAliveBelow) return false;
  return !(await recentlyDismissed(ctx, settings.proposalDismissDays, customerId)).has(customerId);
}

/**
 * Customers a manager may confirm as lost: open cancellation proposals, and customers of the
 * latest churn run whose P(alive) is below the setting `proposalPAliveBelow` (never confirmed
 * automatically). Already lost customers are left out.
 */
export async function listLostProposals(ctx: Ctx) {
  const settings = await getRetentionSettings(ctx);
  const rows = await ctx.db
    .selectFrom('retention_lost_proposals')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('proposed_at')
    .execute();
  const items: Array<{
    customerId: string;
    customerName: string;
    source: 'cancellation' | 'churn_model';
    proposedAt: string | null;
    reason: string | null;
    contractId: string | null;
    pAlive: number | null;
    valueAtRiskMinor: number | null;
  }> = [];
  const customers = new Map(
    (
      await ports.getCustomers(
        ctx,
        rows.map((r) => r.customer_id),
      )
    ).map((c) => [c.id, c]),
  );
  for (const r of rows) {
    const c = customers.get(r.customer_id);
    if (!c || c.status === 'lost' || c.status === 'erased') continue;
    items.push({
      customerId: c.id,
      customerName: c.name,
      source: 'cancellation',
      proposedAt: r.proposed_at,
      reason: r.reason_text,
      contractId: r.contract_id,
      pAlive: null,
      valueAtRiskMinor: null,
    });
  }
  // A manager said "not lost" to these lately: the model does not propose them again for a while.
  const dismissed = await recentlyDismissed(ctx, settings.proposalDismissDays);
  const seen = new Set([...items.map((i) => i.customerId), ...dismissed]);
  let cursor: string | undefined;
  do {
    const page = await ports.listAtRisk(ctx, { limit: 500, cursor }, 'en');
    for (const a of page.items) {
      if (a.pAlive >= settings.proposalPAliveBelow || seen.has(a.customerId)) continue;
      seen.add(a.customerId);
      items.push({
        customerId: a.customerId,
        customerName: a.customerName,
        source: 'churn_model',
        proposedAt: null,
        reason: null,
        contractId: null,
        pAlive: a.pAlive,
        valueAtRiskMinor: a.valueAtRiskMinor,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items };
}
