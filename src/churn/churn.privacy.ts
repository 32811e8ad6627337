// GDPR coverage of the churn domain: a customer's scores and alerts are exported; erasure deletes them
// (the runs keep only aggregates: counts, parameters, holdout errors).
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { eraseChurnForCustomer, exportChurnForCustomer } from './churn.service.js';

export const churnPrivacy: PrivacyModule = {
  domain: 'churn',
  tables: ['churn_scores', 'churn_alerts'],
  exportCustomer: exportChurnForCustomer,
  eraseCustomer: eraseChurnForCustomer,
};
