// The customers domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
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
  privacy: {
    domain: 'customers',
    tables: ['customers', 'customer_consents'],
    exportCustomer: exportCustomerData,
    eraseCustomer: eraseCustomerData,
  },
};
