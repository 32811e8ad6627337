// Settings of the retention domain (one validated JSON value, key `retention.settings`).
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';

export const RETENTION_SETTINGS_KEY = 'retention.settings';

export const retentionSettingsSchema = z.object({
  lostOnCancellation: z
    .enum(['propose', 'confirm', 'off'])
    .describe(
      'when a cancellation leaves a customer without contract and purchase: propose to a manager, confirm at once, or nothing',
    ),
  proposalPAliveBelow: z.number().min(0).max(1).describe('churn-model proposals: P(alive) below this'),
  winBackFollowUpDays: z.number().int().min(1).max(365),
  winBackTaskDueDays: z.number().int().min(1).max(90),
  offers: z.object({
    serviceVoucherMinor: z.number().int().min(0),
    generalVoucherMinor: z.number().int().min(0),
  }),
  surpriseDailyGoal: z.number().int().min(0).max(1000).describe('positive surprises per team and day'),
  surpriseEffectDays: z.number().int().min(1).max(730).describe('repurchase window after a surprise'),
  recoveryMonths: z.number().int().min(1).max(60).describe('repurchase window after a resolved complaint'),
  anniversaryYears: z.array(z.number().int().min(1).max(200)).max(50),
  wordOfMouthPeopleTold: z
    .number()
    .min(0)
    .max(1000)
    .describe('ASSUMPTION: people an unhappy customer tells (often quoted: 9–15)'),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const defaultRetentionSettings: RetentionSettings = {
  lostOnCancellation: 'propose',
  proposalPAliveBelow: 0.1,
  winBackFollowUpDays: 30,
  winBackTaskDueDays: 7,
  offers: { serviceVoucherMinor: 5_000, generalVoucherMinor: 2_500 },
  surpriseDailyGoal: 3,
  surpriseEffectDays: 90,
  recoveryMonths: 6,
  anniversaryYears: [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
  wordOfMouthPeopleTold: 9,
};

/** The retention settings (defaults where nothing is stored). */
export function getRetentionSettings(ctx: Ctx): Promise<RetentionSettings> {
  return getSetting(ctx, RETENTION_SETTINGS_KEY, retentionSettingsSchema, defaultRetentionSettings);
}

/** Merges a partial change into the stored settings, validates and stores it (audited). */
export async function setRetentionSettings(ctx: Ctx, patch: unknown): Promise<RetentionSettings> {
  const current = await getRetentionSettings(ctx);
  const merged = { ...current, ...(typeof patch === 'object' && patch ? patch : {}) };
  return setSetting(ctx, RETENTION_SETTINGS_KEY, retentionSettingsSchema, merged);
}
