// The products domain as a module of the app: products, contracts, the contract import, privacy of contracts.
import type { DomainModule } from '../platform/module.js';
import { eraseContractsForCustomer, exportContractsForCustomer } from './contracts.service.js';
import { productsRoutes } from './products.routes.js';

export const productsModule: DomainModule = {
  name: 'products',
  routes: productsRoutes,
  privacy: {
    domain: 'contracts',
    // products and product_prices hold no customer data.
    tables: ['contracts'],
    exportCustomer: exportContractsForCustomer,
    eraseCustomer: eraseContractsForCustomer,
  },
};
