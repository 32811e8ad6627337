// GDPR coverage of webhooks: a delivery names the customer its event is about. Export lists which
// events about the customer went to which endpoint; erasure blanks the stored bodies and cancels
// what was not sent yet (the attempt log holds no customer data).
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { eraseDeliveries, exportDeliveries } from './webhooks.log.js';

export const webhooksPrivacy: PrivacyModule = {
  domain: 'webhooks',
  tables: ['webhook_deliveries'],
  exportCustomer: (ctx, customerId) => exportDeliveries(ctx, customerId),
  eraseCustomer: (ctx, customerId) => eraseDeliveries(ctx, customerId),
};
