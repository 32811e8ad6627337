// GDPR export and erasure of the retention domain's tables.
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { eraseLostData, exportLostData } from './lost-customers.service.js';
import { exportLoyaltyFindings } from './loyalty-penalty-scan.js';
import { eraseLoyaltyData, exportLoyaltyData } from './loyalty-penalty.service.js';
import { eraseSurpriseData, exportSurpriseData } from './surprises.service.js';

export const retentionPrivacy: PrivacyModule = {
  domain: 'retention',
  tables: [
    'retention_lost_customers',
    'retention_lost_proposals',
    'retention_loyalty_decisions',
    'retention_loyalty_findings',
    'retention_surprises',
    'retention_tier_snapshot',
  ],
  exportCustomer: async (ctx, id) => ({
    ...(await exportLostData(ctx, id)),
    loyaltyDecisions: await exportLoyaltyData(ctx, id),
    loyaltyFindings: await exportLoyaltyFindings(ctx, id),
    ...(await exportSurpriseData(ctx, id)),
  }),
  eraseCustomer: async (ctx, id) => {
    await eraseLostData(ctx, id);
    await eraseLoyaltyData(ctx, id);
    await eraseSurpriseData(ctx, id);
  },
};
