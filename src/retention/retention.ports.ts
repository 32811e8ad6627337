// What the retention domain uses of other domains: only their exported service functions.
import { listCasesOfCustomer } from '../cases/cases.service.js';
import type { Customer } from '../customers/customers.schema.js';
import { listCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';

export { caseMetrics, getPerPersonVisible } from '../cases/case-metrics.service.js';
export { calendarOf, getCaseSettings } from '../cases/case-settings.js';
export { paretoOfRootCauses } from '../cases/root-causes.service.js';
export { businessMinutesBetween } from '../cases/sla/index.js';
export { latestScores, listAtRisk } from '../churn/churn.service.js';
export { getCustomer, getCustomers, updateCustomer } from '../customers/customers.service.js';
export { tenureYears, tierOrder } from '../customers/tiers.js';
export {
  listContractsForCustomer,
  listActiveContractsWithNewCustomerPrice,
  updateContract,
  getContract,
} from '../products/contracts.service.js';
export { listNewCustomerPrices, normalisePrice } from '../products/products.service.js';
export {
  companyCurrency,
  lastPurchaseAt,
  listPurchasesForCustomer,
  revenueBetween,
} from '../purchases/purchases.service.js';
export { listAnswers, listAnswersForCustomer } from '../surveys/surveys.service.js';
export { surveyMetrics } from '../surveys/surveys.metrics.js';
export { createTask, listTasks } from '../tasks/tasks.service.js';
export { getUser, listTeams, listUsers } from '../platform/auth/users.service.js';

/** Every customer (any status but erased), page by page through the customers service. */
export async function allCustomers(ctx: Ctx): Promise<Customer[]> {
  const out: Customer[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCustomers(ctx, { limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export type CaseTiming = {
  caseId: string;
  customerId: string;
  receivedAt: string;
  /** When the case was recorded and its acknowledgement enqueued (as the case metrics define it). */
  acknowledgedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
};

/**
 * The cases received in [from, to) — or resolved in it, with `by: 'resolved'` — with their times.
 * The cases domain exports no list of case timings, so this walks customers and their cases
 * (listCasesOfCustomer); replace with `listCaseTimings(ctx, { from, to, by })` once cases exports it.
 */
export async function caseTimings(
  ctx: Ctx,
  from: string,
  to: string,
  customers?: Customer[],
  by: 'received' | 'resolved' = 'received',
): Promise<CaseTiming[]> {
  const out: CaseTiming[] = [];
  for (const c of customers ?? (await allCustomers(ctx))) {
    for (const k of await listCasesOfCustomer(ctx, c.id)) {
      const at = by === 'received' ? k.receivedAt : k.resolvedAt;
      if (!at || at < from || at >= to) continue;
      out.push({
        caseId: k.id,
        customerId: k.customerId,
        receivedAt: k.receivedAt,
        acknowledgedAt: [k.createdAt, k.receivedAt].sort()[1],
        firstResponseAt: k.firstResponseAt,
        resolvedAt: k.resolvedAt,
      });
    }
  }
  return out;
}
