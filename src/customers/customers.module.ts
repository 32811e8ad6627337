// The customers domain as a module of the app (and the job of its asynchronous import).
import { registerImportJob } from '../platform/import/import.jobs.js';
import type { DomainModule } from '../platform/module.js';
import { importCustomers } from './customers.import.js';
import { customersRoutes } from './customers.routes.js';
import { eraseCustomerData, exportCustomerData } from './customers.privacy.js';

export const customersModule: DomainModule = {
  name: 'customers',
  apiTags: [
    {
      name: 'customers',
      description:
        'The customer base: master data, tiers derived from tenure and revenue (or pinned), consents, and the audit trail per customer.',
    },
  ],
  routes: customersRoutes,
  registerJobs: (registry) => registerImportJob(registry, 'customers', importCustomers),
  privacy: {
    domain: 'customers',
    tables: ['customers', 'customer_consents'],
    exportCustomer: exportCustomerData,
    eraseCustomer: eraseCustomerData,
  },
};
