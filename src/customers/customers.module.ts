// The customers domain as a module of the app.
import type { DomainModule } from '../platform/module.js';
import { customersRoutes } from './customers.routes.js';
import { eraseCustomerData, exportCustomerData } from './customers.privacy.js';

export const customersModule: DomainModule = {
  name: 'customers',
  routes: customersRoutes,
  privacy: {
    domain: 'customers',
    tables: ['customers', 'customer_consents'],
    exportCustomer: exportCustomerData,
    eraseCustomer: eraseCustomerData,
  },
};
