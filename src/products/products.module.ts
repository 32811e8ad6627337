// The products domain as a module of the app: products, contracts, the contract import, privacy of contracts.
import type { DomainModule } from '../platform/module.js';
import { eraseContractsForCustomer, exportContractsForCustomer } from './contracts.service.js';
import { productsRoutes } from './products.routes.js';

export const productsModule: DomainModule = {
  name: 'products',
  apiTags: [
    {
      name: 'products',
      description:
        'Products with their new-customer price history, which the loyalty-penalty check compares contracts against.',
    },
    {
      name: 'contracts',
      description: 'Contracts and subscriptions of customers; a cancellation proposes the customer as lost.',
    },
  ],
  routes: productsRoutes,
  privacy: {
    domain: 'contracts',
    // products and product_prices hold no customer data.
    tables: ['contracts'],
    exportCustomer: exportContractsForCustomer,
    eraseCustomer: eraseContractsForCustomer,
  },
};
