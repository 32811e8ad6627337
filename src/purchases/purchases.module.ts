// The purchases domain as a module of the app: routes (purchases, imports), the nightly revenue job, privacy.
import type { DomainModule } from '../platform/module.js';
import { registerPurchaseJobs } from './purchases.jobs.js';
import { purchasesRoutes } from './purchases.routes.js';
import { erasePurchasesForCustomer, exportPurchasesForCustomer } from './purchases.service.js';

export const purchasesModule: DomainModule = {
  name: 'purchases',
  apiTags: [
    {
      name: 'purchases',
      description:
        'Purchases per customer in the company currency; they drive tiers, churn scores and the sale survey.',
    },
  ],
  routes: purchasesRoutes,
  registerJobs: registerPurchaseJobs,
  privacy: {
    domain: 'purchases',
    tables: ['purchases'],
    exportCustomer: exportPurchasesForCustomer,
    eraseCustomer: erasePurchasesForCustomer,
  },
};
