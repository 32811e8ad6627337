// The other domains the surveys domain uses, through their exported service functions only.
// Kept in one file so the dependencies are visible at a glance.
export { getCustomer, getCustomers, listCustomers } from '../customers/customers.service.js';
export { getContactPermission, recordConsent } from '../customers/customer-consents.service.js';
export { createTask } from '../tasks/tasks.service.js';
export { reopenCase } from '../cases/case-lifecycle.service.js';
export { lastPurchaseAt } from '../purchases/purchases.service.js';
export { customersWhoBoughtWithin } from '../purchases/purchase-windows.service.js';
export { getUser, listUsers } from '../platform/auth/users.service.js';
export type { Customer } from '../customers/customers.schema.js';
