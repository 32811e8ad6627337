// The churn settings: alert thresholds and scoring options, stored as one company setting.
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { type ChurnSettings, churnSettingsSchema } from './churn.schema.js';

export const CHURN_SETTINGS_KEY = 'churn.settings';

export const defaultChurnSettings: ChurnSettings = {
  alerts: {
    pAliveBelow: 0.3,
    thresholdFromHoldout: true,
    dropAtLeast: 0.25,
    overdueRatioAbove: 5,
    minClvMinor: 0,
    cancellationNotice: true,
    openCasesAtLeast: 1,
    openCaseMinSeverity: 'medium',
    badRatingDays: 90,
    npsAtMost: 6,
    csatAtMost: 2,
    cesAtMost: 2,
  },
  scoring: {
    unit: 'week',
    holdoutWeeks: 26,
    horizonDays: 365,
    annualDiscountRate: 0.1,
    models: ['bgnbd', 'mbgnbd', 'pnbd'],
    capacityPerWeek: 50,
    taskDueDays: 7,
  },
};

/** The churn settings (alert thresholds and scoring options); defaults when none are stored. */
export function getChurnSettings(ctx: Ctx): Promise<ChurnSettings> {
  return getSetting(ctx, CHURN_SETTINGS_KEY, churnSettingsSchema, defaultChurnSettings);
}

/** Validates and stores the churn settings (audited); bad input is a 400 naming the field. */
export function setChurnSettings(ctx: Ctx, input: unknown): Promise<ChurnSettings> {
  return inTransaction(ctx, (tx) => setSetting(tx, CHURN_SETTINGS_KEY, churnSettingsSchema, input));
}
