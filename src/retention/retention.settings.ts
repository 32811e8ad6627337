// Settings of the retention domain (one validated JSON value, key `retention.settings`).
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { invalid } from '../platform/errors.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { getRootCauseCategory } from './retention.ports.js';

export const RETENTION_SETTINGS_KEY = 'retention.settings';

export const retentionSettingsSchema = z.object({
  lostOnCancellation: z
    .enum(['propose', 'confirm', 'off'])
    .describe(
      'when a cancellation leaves a customer without contract and purchase: propose to a manager, confirm at once, or nothing',
    ),
  proposalPAliveBelow: z.number().min(0).max(1).describe('churn-model proposals: P(alive) below this'),
  proposalDismissDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('a churn-model proposal a manager dismissed is not proposed again for this many days'),
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
  lostReasonRootCauses: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only'),
      z.string().min(1).max(40).nullable(),
    )
    .describe(
      "which root-cause category a lost customer's exit reason counts for in the root-cause register (null: none — e.g. the customer moved)",
    ),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const defaultRetentionSettings: RetentionSettings = {
  lostOnCancellation: 'propose',
  proposalPAliveBelow: 0.1,
  proposalDismissDays: 90,
  winBackFollowUpDays: 30,
  winBackTaskDueDays: 7,
  offers: { serviceVoucherMinor: 5_000, generalVoucherMinor: 2_500 },
  surpriseDailyGoal: 3,
  surpriseEffectDays: 90,
  recoveryMonths: 6,
  anniversaryYears: [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
  wordOfMouthPeopleTold: 9,
  lostReasonRootCauses: {
    price: 'pricing',
    quality: 'workmanship',
    service: 'process',
    competitor: null,
    moved: null,
    no_need: null,
    other: 'other',
  },
};

/** The retention settings (defaults where nothing is stored). */
export async function getRetentionSettings(ctx: Ctx): Promise<RetentionSettings> {
  const stored = await getSetting(ctx, RETENTION_SETTINGS_KEY, retentionSettingsSchema.partial(), {});
  // Settings stored before a field existed get that field's default.
  return { ...defaultRetentionSettings, ...stored };
}

/** Merges a partial change into the stored settings, validates and stores it (audited). */
export async function setRetentionSettings(ctx: Ctx, patch: unknown): Promise<RetentionSettings> {
  const current = await getRetentionSettings(ctx);
  const change = (typeof patch === 'object' && patch ? patch : {}) as Partial<RetentionSettings>;
  const merged = {
    ...current,
    ...change,
    // The mapping changes reason by reason (set one to null to count it for no cause).
    lostReasonRootCauses:
      typeof change.lostReasonRootCauses === 'object' && change.lostReasonRootCauses
        ? { ...current.lostReasonRootCauses, ...change.lostReasonRootCauses }
        : current.lostReasonRootCauses,
  };
  const parsed = retentionSettingsSchema.safeParse(merged);
  if (parsed.success) {
    for (const [reason, code] of Object.entries(parsed.data.lostReasonRootCauses)) {
      if (code !== null && !(await getRootCauseCategory(ctx, code)))
        throw invalid(`lostReasonRootCauses.${reason}`, `no root-cause category ${code}`);
    }
  }
  return setSetting(ctx, RETENTION_SETTINGS_KEY, retentionSettingsSchema, merged);
}
