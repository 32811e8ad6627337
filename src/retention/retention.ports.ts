// What the retention domain uses of other domains: only their exported service functions.
import type { Customer } from '../customers/customers.schema.js';
import { listCustomers } from '../customers/customers.service.js';
import type { Ctx } from '../platform/context.js';

export {
  type CaseTiming,
  countOverdueCommitments,
  listCaseTimings,
} from '../cases/case-exports.service.js';
export { caseMetrics, getPerPersonVisible } from '../cases/case-metrics.service.js';
export { calendarOf, getCaseSettings } from '../cases/case-settings.js';
export {
  getRootCauseCategory,
  paretoOfRootCauses,
  recordRootCauseObservation,
} from '../cases/root-causes.service.js';
export { businessMinutesBetween } from '../cases/sla/index.js';
export { listAtRisk } from '../churn/churn.at-risk.js';
export { latestScores } from '../churn/churn.scores.js';
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
export { listAnswers, listAnswersForCustomer } from '../surveys/survey-lists.service.js';
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
